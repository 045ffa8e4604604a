//! The public privacy notice: `/confidentialite` in French, `/privacy` in English. No token:
//! anyone may read what the bot keeps and whom to ask (RGPD art. 13); it names no room and
//! no person, only the settings in force.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;

use super::{WebState, html, personal_frame};
use crate::domain::Language;
use crate::replies::{self, Readers, Wording};

/// `/confidentialite`.
pub(super) async fn french(State(state): State<Arc<WebState>>) -> Response {
    notice(&state, Language::Fr)
}

/// `/privacy`.
pub(super) async fn english(State(state): State<Arc<WebState>>) -> Response {
    notice(&state, Language::En)
}

fn notice(state: &WebState, language: Language) -> Response {
    let wording = Wording::new(&state.texts, language, state.time_zone);
    let title = replies::privacy_title(&wording);
    let sections = replies::privacy_sections(&wording, &state.privacy, Readers::Anyone);
    let other = match language {
        Language::Fr => (Language::En, "English"),
        Language::En => (Language::Fr, "Français"),
    };
    html(personal_frame(
        language,
        &title,
        maud::html! {
            @for section in &sections {
                h2 { (section.heading) }
                ul { @for line in &section.lines { li { (line) } } }
            }
            p {
                a href=(crate::domain::privacy::page_path(other.0)) lang=(other.0.code()) {
                    (other.1)
                }
            }
        },
    ))
}

//! Personal data (#34): what the bot tells a member about their data, in the room, and the
//! register entry a secretary files (RGPD art. 30), read back from the real binary beside the
//! running bot: every section present, every figure the configuration's.

use crate::email::mailing_room;
use crate::helpers::ask;
use crate::record::pdf_text;
use crate::smtp::SmtpServer;

#[tokio::test(flavor = "multi_thread")]
async fn the_notice_and_the_register_entry_say_the_configuration_in_force() {
    let smtp = SmtpServer::start().await;
    let (mut alice, bot, room) = mailing_room(
        &smtp,
        "[retention]\nsent_email_days = 12\nsent_messages_days = 45\n\
         [privacy]\ncontact = \"dpo@concertation.example\"\n"
            .into(),
        true,
        "Secours populaire",
    )
    .await;

    // In the room: the room's association as controller (none configured), the settings.
    let notice = ask(&mut alice, &room, "!confidentialité").await;
    for expected in [
        "Secours populaire",
        "12 jours",
        "45 jours",
        "dpo@concertation.example",
        "À qui vous adresser",
    ] {
        assert!(notice.contains(expected), "{expected} in {notice}");
    }

    // The register entry, as Markdown: every section, the figures of the configuration.
    let entry = bot.export(&["registre"]).await;
    let sections: Vec<&str> = entry
        .lines()
        .filter_map(|line| line.strip_prefix("## "))
        .collect();
    assert_eq!(
        sections,
        [
            "Finalité et base légale",
            "Responsables conjoints du traitement (art. 26)",
            "Personnes concernées",
            "Catégories de données",
            "Destinataires",
            "Transferts hors de l'Union européenne",
            "Durées de conservation",
            "Mesures de sécurité",
        ],
        "{entry}"
    );
    for expected in [
        "Secours populaire",
        "dpo@concertation.example",
        "12 jours après l'envoi",
        "45 jours",
        "Le fournisseur de courriel \\(SMTP\\) : 127.0.0.1",
        "127.0.0.1 : aucun",
        "Les personnes qui suivent le groupe par courriel",
    ] {
        assert!(entry.contains(expected), "{expected} in {entry}");
    }
    // No key in [backup]: said, not hidden.
    assert!(entry.contains("aucune clé n'est configurée"), "{entry}");

    // In English, and as a PDF that reads back.
    let english = bot.export(&["register", "--language", "en"]).await;
    assert!(english.contains("## Retention periods"), "{english}");
    assert!(english.contains("12 days after sending"), "{english}");
    let output = bot.cli(&["export", "registre", "--pdf"]).await;
    assert!(output.status.success(), "{output:?}");
    assert!(output.stdout.starts_with(b"%PDF"), "a PDF");
    let text = pdf_text(&output.stdout);
    assert!(
        text.contains("Registre des activités de traitement"),
        "{text}"
    );
    assert!(text.contains("Mesures de sécurité"), "{text}");
}

//! The thin e-mail adapter: the only code that speaks SMTP (lettre). [`Mailer`] turns an
//! [`OutgoingEmail`] into a MIME message — a plain-text and an HTML part, the attachment
//! beside them, a stable `Message-ID` — and hands it to the group's mail provider.
//! [`sender`] is the task that sends the e-mail outbox with it.

pub mod sender;

use std::time::Duration;

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::{ConfigError, EmailSettings, SmtpSecurity};
use crate::domain::email::OutgoingEmail;
use crate::domain::guest::mask_addresses;

/// How long one conversation with the SMTP server may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Why an e-mail was not handed over.
#[derive(Debug, thiserror::Error)]
#[error("{reason}")]
pub struct MailError {
    pub reason: String,
    /// The server refused it for good (a bad address, a message it will never take): trying
    /// again would not help.
    pub permanent: bool,
}

/// The group's mail provider, as configured in `[email]`.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(settings: &EmailSettings) -> Result<Self, ConfigError> {
        let invalid = |key: &'static str, reason: String| ConfigError::Value { key, reason };
        let host = settings.smtp_host.trim();
        let builder = match settings.security {
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host),
            SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host),
            SmtpSecurity::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
                host,
            )),
        }
        .map_err(|error| invalid("email.smtp_host", error.to_string()))?;
        let mut builder = builder.port(settings.port()).timeout(Some(SMTP_TIMEOUT));
        if let (Some(username), Some(password)) = (&settings.username, settings.password()?) {
            builder = builder.credentials(Credentials::new(
                username.clone(),
                password.expose_secret().to_owned(),
            ));
        }
        let from = settings
            .from
            .parse()
            .map_err(|error: lettre::address::AddressError| {
                invalid("email.from", error.to_string())
            })?;
        Ok(Self {
            transport: builder.build(),
            from,
        })
    }

    /// Hands `email` over to the mail provider.
    pub async fn send(&self, email: &OutgoingEmail) -> Result<(), MailError> {
        let message = self.message(email)?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(error) => Err(MailError {
                permanent: error.is_permanent(),
                // A server's answer may quote the address: the logs get it masked.
                reason: mask_addresses(&error.to_string()),
            }),
        }
    }

    /// The MIME message of `email`: multipart/alternative (text, HTML), inside
    /// multipart/mixed with the attachment when there is one.
    pub fn message(&self, email: &OutgoingEmail) -> Result<Message, MailError> {
        let permanent = |reason: String| MailError {
            reason,
            permanent: true,
        };
        let address = email
            .to_address
            .parse()
            .map_err(|_| permanent("the recipient's address is not valid".to_owned()))?;
        let to = Mailbox::new(Some(email.to_name.clone()), address);
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .message_id(Some(format!(
                "<{}>",
                email.message_id(self.from.email.domain())
            )))
            .date_now();
        // Answers to a letter go to the group's contact, not to the bot's address.
        let builder = match &email.reply_to {
            Some(reply_to) => match reply_to.parse() {
                Ok(mailbox) => builder.reply_to(mailbox),
                Err(_) => builder,
            },
            None => builder,
        };
        // One-click unsubscribe (RFC 8058): mail clients show a button that POSTs to the link.
        let builder = match &email.unsubscribe_url {
            Some(url) => builder
                .header(ListUnsubscribe(format!("<{url}>")))
                .header(ListUnsubscribePost),
            None => builder,
        };
        let body = MultiPart::alternative_plain_html(email.text.clone(), email.html.clone());
        let body = match &email.attachment {
            None => body,
            Some(attachment) => {
                let content_type = ContentType::parse(&attachment.mime)
                    .map_err(|error| permanent(format!("attachment type: {error}")))?;
                MultiPart::mixed().multipart(body).singlepart(
                    Attachment::new(attachment.name.clone())
                        .body(attachment.data.clone(), content_type),
                )
            }
        };
        builder
            .multipart(body)
            .map_err(|error| permanent(error.to_string()))
    }
}

/// `List-Unsubscribe: <https://…/u/…>` (RFC 2369).
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(value: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(value.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

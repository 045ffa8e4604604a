//! What a parser says when it cannot read a command: the form the member meant ([`Usage`], so
//! the reply can show an example of it) and what was wrong ([`ParseError`]). The wording is in
//! `replies/`.

use crate::domain::agenda::MAX_ITEM_LENGTH;
use crate::domain::email::MAX_EMAIL_NAME;
use crate::domain::guest::MAX_GUEST_TEXT;
use crate::domain::limits::MAX_PLACE_LENGTH;
use crate::domain::poll::{
    MAX_OPTION_LENGTH, MAX_POLL_OPTIONS, MAX_QUESTION_LENGTH, MIN_POLL_OPTIONS,
};
use crate::domain::record::MAX_DECISION_LENGTH;
use crate::domain::votes::{MAX_OPTIONS, MIN_OPTIONS};

/// One form of a command, for the example an error message shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Usage {
    Help,
    Language,
    AgendaList,
    AgendaAdd,
    AgendaUrgent,
    AgendaRemove,
    AgendaDone,
    AgendaMove,
    AgendaNote,
    MeetingPropose,
    MeetingVotes,
    MeetingClose,
    MeetingCancel,
    MeetingHost,
    MeetingHostOrder,
    MeetingPlace,
    MeetingRhythm,
    AssociationSet,
    PollCreate,
    PollResults,
    PollList,
    PollClose,
    Vote,
    DecisionRecord,
    DecisionShow,
    DecisionAmend,
    DecisionRevoke,
    DecisionSearch,
    ActionCreate,
    ActionDone,
    ActionList,
    Minutes,
    MinutesApprove,
    MinutesAdopt,
    Remind,
    RemindersList,
    RemindersCancel,
    RemindersMeeting,
    Page,
    AttendanceList,
    AttendanceAnswer,
    GuestAdd,
    GuestList,
    GuestRemove,
    EmailAdd,
    EmailList,
    EmailRemove,
    EmailNewLink,
    Privacy,
    MyData,
    ForgetMe,
    Rule,
    RuleMajority,
    AssociationStanding,
    PollConsent,
    MandateGive,
    MandateWithdraw,
    MandateList,
    MeetingAvailable,
    ContactSearch,
    ContactShow,
    ContactAdd,
    ContactChange,
    ContactRemove,
    ContactConfirm,
    AdvocacyList,
    AdvocacyShow,
    AdvocacyNew,
    AdvocacyText,
    AdvocacyRecipients,
    AdvocacyApprove,
    AdvocacySend,
    AdvocacyAnswer,
    TrainingList,
    TrainingShow,
    TrainingAdd,
    TrainingSignUp,
    TrainingWithdraw,
    TrainingCancel,
    TrainingSignInSheet,
    TrainingAttended,
    TrainingSummary,
    GroupList,
    GroupCreate,
    GroupJoin,
    GroupReport,
    GroupClose,
    GroupExtend,
    GroupAttach,
}

impl Usage {
    /// Every form, for the tests that check each has an example.
    pub const ALL: [Usage; 89] = [
        Usage::Help,
        Usage::Language,
        Usage::AgendaList,
        Usage::AgendaAdd,
        Usage::AgendaUrgent,
        Usage::AgendaRemove,
        Usage::AgendaDone,
        Usage::AgendaMove,
        Usage::AgendaNote,
        Usage::MeetingPropose,
        Usage::MeetingVotes,
        Usage::MeetingClose,
        Usage::MeetingCancel,
        Usage::MeetingHost,
        Usage::MeetingHostOrder,
        Usage::MeetingPlace,
        Usage::MeetingRhythm,
        Usage::AssociationSet,
        Usage::PollCreate,
        Usage::PollResults,
        Usage::PollList,
        Usage::PollClose,
        Usage::Vote,
        Usage::DecisionRecord,
        Usage::DecisionShow,
        Usage::DecisionAmend,
        Usage::DecisionRevoke,
        Usage::DecisionSearch,
        Usage::ActionCreate,
        Usage::ActionDone,
        Usage::ActionList,
        Usage::Minutes,
        Usage::MinutesApprove,
        Usage::MinutesAdopt,
        Usage::Remind,
        Usage::RemindersList,
        Usage::RemindersCancel,
        Usage::RemindersMeeting,
        Usage::Page,
        Usage::AttendanceList,
        Usage::AttendanceAnswer,
        Usage::GuestAdd,
        Usage::GuestList,
        Usage::GuestRemove,
        Usage::EmailAdd,
        Usage::EmailList,
        Usage::EmailRemove,
        Usage::EmailNewLink,
        Usage::Privacy,
        Usage::MyData,
        Usage::ForgetMe,
        Usage::Rule,
        Usage::RuleMajority,
        Usage::AssociationStanding,
        Usage::PollConsent,
        Usage::MandateGive,
        Usage::MandateWithdraw,
        Usage::MandateList,
        Usage::MeetingAvailable,
        Usage::ContactSearch,
        Usage::ContactShow,
        Usage::ContactAdd,
        Usage::ContactChange,
        Usage::ContactRemove,
        Usage::ContactConfirm,
        Usage::AdvocacyList,
        Usage::AdvocacyShow,
        Usage::AdvocacyNew,
        Usage::AdvocacyText,
        Usage::AdvocacyRecipients,
        Usage::AdvocacyApprove,
        Usage::AdvocacySend,
        Usage::AdvocacyAnswer,
        Usage::TrainingList,
        Usage::TrainingShow,
        Usage::TrainingAdd,
        Usage::TrainingSignUp,
        Usage::TrainingWithdraw,
        Usage::TrainingCancel,
        Usage::TrainingSignInSheet,
        Usage::TrainingAttended,
        Usage::TrainingSummary,
        Usage::GroupList,
        Usage::GroupCreate,
        Usage::GroupJoin,
        Usage::GroupReport,
        Usage::GroupClose,
        Usage::GroupExtend,
        Usage::GroupAttach,
    ];
}

/// Why a message that was meant for the bot could not be understood. Each variant carries what
/// the reply needs to show the right form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("unknown command !{name}")]
    UnknownCommand {
        name: String,
        /// The closest known command name, when one is close enough to be a typo.
        suggestion: Option<&'static str>,
    },
    #[error("no help topic {given:?}")]
    UnknownHelpTopic { given: String },
    #[error("unknown language {given:?}")]
    UnknownLanguage { given: String },
    #[error("unexpected words after the command: {extra:?}")]
    UnexpectedWords { usage: Usage, extra: String },
    #[error("unknown agenda action {given:?}")]
    UnknownAgendaAction { given: String },
    #[error("an agenda item needs a text")]
    EmptyItemText { usage: Usage },
    #[error("an agenda item of {length} characters is longer than {MAX_ITEM_LENGTH}")]
    ItemTextTooLong { length: usize },
    #[error("a note of {length} characters is longer than {MAX_ITEM_LENGTH}")]
    NoteTooLong { length: usize },
    #[error(
        "a title of {length} characters is longer than {}",
        crate::domain::letter::MAX_TITLE_LENGTH
    )]
    TitleTooLong { length: usize },
    #[error("expected a year, found {given:?}")]
    ExpectedYear { given: String },
    #[error("a guest's name or topic of {length} characters is longer than {MAX_GUEST_TEXT}")]
    GuestTextTooLong { length: usize },
    #[error("{given:?} is not an e-mail address")]
    ExpectedEmail { given: String },
    #[error(
        "an e-mail person's association and name of {length} characters is longer than {MAX_EMAIL_NAME}"
    )]
    EmailTextTooLong { length: usize },
    #[error("a place of {length} characters is longer than {MAX_PLACE_LENGTH}")]
    PlaceTooLong { length: usize },
    #[error("expected an item number, found {given:?}")]
    ExpectedNumber { usage: Usage, given: Option<String> },
    #[error("unknown meeting action {given:?}")]
    UnknownMeetingAction { given: String },
    #[error("unknown meeting rhythm {given:?}")]
    UnknownRhythm { given: String },
    #[error("a proposal needs {MIN_OPTIONS} to {MAX_OPTIONS} dates, found {count}")]
    OptionCount { count: usize },
    #[error("something is missing after the command")]
    MissingArgument { usage: Usage },
    #[error("expected a member's user id, found {given:?}")]
    ExpectedUser { given: Option<String> },
    #[error("a poll needs a question")]
    PollQuestionMissing,
    #[error("a question of {length} characters is longer than {MAX_QUESTION_LENGTH}")]
    PollQuestionTooLong { length: usize },
    #[error("a poll needs {MIN_POLL_OPTIONS} to {MAX_POLL_OPTIONS} options, found {count}")]
    PollOptionCount { count: usize },
    #[error("option {number} is empty or longer than {MAX_OPTION_LENGTH} characters")]
    PollOptionLength { number: usize, length: usize },
    #[error("options {first} and {second} are the same")]
    PollOptionDuplicate { first: usize, second: usize },
    #[error("a deadline must be followed by a colon and the question")]
    PollDeadlineWithoutQuestion,
    #[error("a decision of {length} characters is longer than {MAX_DECISION_LENGTH}")]
    DecisionTooLong { length: usize },
    #[error("meeting reminders are durations such as 7d 1d 2h, or none")]
    ReminderOffsets,
}

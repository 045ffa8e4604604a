# Concerto — English texts.
# Commands are written between `backticks`: the room shows them as code.

welcome =
    Hello! I am **Concerto**, the coordination group's assistant.
    I keep the agenda, help choose meeting dates and keep track of decisions.
    Type `!help` to see what I can do.

help-title = **What I can do**
help-footer = For the details of a command, with an example: `!help <command>`, for instance `!help language`. You can also call me by name, without `!`: “Concerto: agenda add FEAD budget” (or by mentioning me).
help-example = Example:

help-help-summary = `!help` — the list of commands; `!help <command>` — the details of one command
help-help-details =
    `!help` shows the list of commands; `!help <command>` explains one command, with an example.
    Commands also work under their French names (`!aide`).
help-help-example = !help language

help-language-summary = `!language` — the language of my replies in this room (`fr` or `en`)
help-language-details =
    `!language` shows this room's language; `!language en` makes me answer in English, `!language fr` in French.
    The choice applies to the whole room.
help-language-example = !language fr

language-current = In this room, I answer in English. To switch to French: `!language fr`
language-changed = Noted: from now on I answer in English in this room.

error-unknown-command = I don't know the command `!{ $name }`. Type `!help` to see the list of commands.
error-unknown-command-suggestion = I don't know the command `!{ $name }`: did you mean `!{ $suggestion }`? Type `!help` to see the list of commands.
error-unknown-help-topic = I have no help about “{ $given }”. Type `!help` to see the list of commands.
error-unknown-language = I don't speak “{ $given }”. Available languages: `fr` (French) and `en` (English). Example: `!language en`
error-unexpected-words = I did not understand the end of the command: “{ $extra }”. Example of the right form: `{ $example }`
error-internal = Sorry, a problem on my side prevents me from handling this command; nothing was recorded. Please try again in a moment.
error-set-aside = I could not handle this message; the error is noted and nothing was recorded. Sending it again as it is will not help: rephrase it (see `!help`), or tell whoever looks after the bot.
cap-reached = { $kind ->
        [agenda] The agenda already has { $limit } items to treat, the most a room may have: mark some as done (`!agenda done 2`) or remove some (`!agenda remove 2`) before adding more.
        [guests] This meeting already has { $limit } guests, the most it may have: remove one (`!guest remove 1`) before adding another.
        [email] This room already knows { $limit } people by e-mail, the most it may: remove one (`!email remove 1`) before adding another.
        [reminders] This room already has { $limit } reminders waiting, the most it may have: cancel one (`!reminders cancel 2`) before setting another.
       *[actions] This room already has { $limit } open actions, the most it may have: mark some as done (`!action done 2`) before adding more.
    }
error-unreadable = I could not read your encrypted message: the key that opens it was not shared with me (your app has not sent it to my device yet, or it shares keys only with verified devices). Please send it again; if this happens again, check in your app that Concerto's device is not blocked or ignored. If the key arrives, I will handle that message too.
unreadable-answers = ⏳ { $count ->
        [one] One answer could not be read yet
       *[other] { $count } answers could not be read yet
    }: encrypted, and their key has not reached me yet. They will count as soon as I can read them.
unreadable-answers-closed = ⏳ { $count ->
        [one] One answer could not be read in time (encrypted, its key never reached me): it is not counted.
       *[other] { $count } answers could not be read in time (encrypted, their key never reached me): they are not counted.
    }
error-slow-down = Easy: I received many commands from you within a minute. I will go on in a moment; then send again those left unanswered.

## Agenda

help-agenda-summary = `!agenda` (or `!odj`) — the next meeting's agenda: add, show, remove, reorder items
help-agenda-details =
    - `!agenda`: show the next meeting's agenda
    - `!agenda add <text>`: add an item (500 characters at most)
    - `!agenda urgent <text>`: add an urgent item, listed first
    - `!agenda remove <n>`: remove item n (its author or a room moderator)
    - `!agenda done <n>`: mark item n as treated
    - `!agenda move <n> <position>`: move item n
    - `!agenda note <n> <text>`: note what was said or agreed on item n (several notes per item, each with its author; they show under the item and in the minutes)

    Untreated items of a meeting move on to the next one by themselves. To correct an item, just edit your `!agenda add` message.
help-agenda-example = !agenda add 2027 budget of the food banks
example-agenda-list = !agenda
example-agenda-urgent = !agenda urgent Closure of the Melun premises
example-agenda-remove = !agenda remove 2
example-agenda-done = !agenda done 2
example-agenda-note = !agenda note 2 Agreed to write to the Prefect; Marie drafts
example-agenda-move = !agenda move 3 1

agenda-meeting-unscheduled = the next meeting (date not set yet)
agenda-meeting-scheduled = the meeting of { $date }
agenda-meeting-scheduled-at = the meeting of { $date } ({ $place })
agenda-title = **Agenda of { $meeting }**
agenda-empty = The agenda of { $meeting } is empty. To add an item: `!agenda add <text>`
agenda-item-urgent = **urgent**
agenda-item-by = added by { $author }
agenda-item-treated = ✅ treated
agenda-item-carried = carried over from { $date }
agenda-added = Item { $number } added to the agenda of { $meeting }: “{ $text }”
agenda-added-urgent = Urgent item { $number } added at the top of the agenda of { $meeting }: “{ $text }”
agenda-removed = Item { $number } removed from the agenda: “{ $text }”
agenda-remove-refused = Only the person who added this item ({ $author }) or a room moderator can remove it.
agenda-noted = Note added to item { $number } (“{ $text }”): “{ $note }”
agenda-done = Item { $number } marked as treated: “{ $text }”
agenda-already-done = Item { $number } was already marked as treated.
agenda-moved = The item “{ $text }” is now number { $to }.
agenda-edited = Item { $number } updated: “{ $text }”

error-no-such-item = There is no item { $number }: the agenda has { $count }. Type `!agenda` to see it.
error-no-such-item-empty = There is no item { $number }: the agenda is empty. To add an item: `!agenda add <text>`
error-impossible-position = Item { $number } can only go between positions { $lowest } and { $highest } (urgent items stay on top). Example: `!agenda move { $number } { $lowest }`
error-empty-item = The item's text is missing. Example: `{ $example }`
error-note-too-long = This note is { $length } characters long, { $max } at most. Split it into several notes on the same item.
error-guest-too-long = This name or topic is { $length } characters long, { $max } at most. Example: `!guest add Mrs Martin (ADSEA) — isolated young migrants`
error-item-too-long = This item has { $length } characters, { $max } at most. Sum it up in one sentence and put the details in a separate message.
error-place-too-long = This place has { $length } characters, { $max } at most. Give the address on one line, for example: `{ $example }`
error-expected-number = “{ $given }” is not an item number. Example: `{ $example }`
error-missing-number = The item number (as in the `!agenda` list) is missing. Example: `{ $example }`
error-unknown-agenda-action = I don't know `!agenda { $given }`. Possible: `add`, `urgent`, `remove`, `done`, `move`, `note`, or `!agenda` alone to see the list. Example: `!agenda add 2027 budget`

## Meetings

help-meeting-summary = `!meeting` — the next meeting: propose dates, vote, set the date, host and place, the rhythm
help-meeting-details =
    - `!meeting`: the next meeting (date, place, host, number of agenda items)
    - `!meeting propose <date>; <date>; …`: propose 2 to 10 dates; everyone votes by reacting with the number of each date they can attend (removing the reaction removes the vote)
    - `!meeting votes`: who can come on each date, and which associations are represented ("if need be" apart)
    - `!meeting available <n> [maybe]`: I can come to date n (only if need be with `maybe`, like 🤷 then the number under the proposal); dates every association can come to without reservation rank first
    - `!meeting close [n]`: set date n, or the best-ranked one (the proposer or a moderator); I then send an .ics invitation to add to your calendar
    - `!meeting cancel`: cancel the next meeting or the open proposal (`!meeting cancel meeting` / `!meeting cancel proposal` when there are both)
    - `!meeting host <association>`, `!meeting host order <a>, <b>, …`, `!meeting place <address>`
    - `!meeting rhythm quarterly|bimonthly|monthly|none`: the group's rhythm; three weeks before the next meeting is due (the last one + the period), with no meeting set and no proposal open, I propose four dates myself (the last meeting's weekday and hour, never a public holiday) and any member may close

    Date forms: `2026-12-10 14:00`, `10/12/2026 14h`, `10/12 14:30`, `Thursday 10/12 2pm`, `Tuesday 6pm`, `10 December 2pm` (day before month). A date on a public holiday is accepted, marked “⚠ public holiday”.
help-meeting-example = !meeting propose 10/12 2pm; Tuesday 6pm
example-meeting-votes = !meeting votes
example-meeting-close = !meeting close 2
example-meeting-cancel = !meeting cancel
example-meeting-host = !meeting host Croix-Rouge
example-meeting-host-order = !meeting host order Restos du Cœur, Croix-Rouge, Secours Catholique, Secours populaire
example-meeting-place = !meeting place Parish hall, 3 rue de la Paix, Melun

help-association-summary = `!associations` — who represents which association in this room
help-association-details =
    - `!associations`: the room's members by association, and the guests
    - `!association set <@member:server> <association>`: link a member to an association (moderators); `none` makes them a guest
help-association-example = !association set @marie:example.org Secours populaire

meeting-none = No meeting is scheduled. To propose dates: `!meeting propose 10/12 2pm; Tuesday 6pm`
meeting-unscheduled = The next meeting has no date yet ({ $items ->
        [one] { $items } agenda item
       *[other] { $items } agenda items
    }).
meeting-next = **Next meeting: { $date }**
meeting-place = Place: { $place }
meeting-place-unknown = Place: to be decided (`!meeting place <address>`)
meeting-host = Host: { $host }
meeting-host-unknown = Host: to be decided (`!meeting host <association>`)
meeting-items = Agenda: { $items ->
        [one] { $items } item
       *[other] { $items } items
    } (`!agenda`)
meeting-open-proposal = A date proposal is open: `!meeting votes` shows the votes.
meeting-proposal = **Date proposal** by { $proposer } for the next meeting. React with the number of each date you can attend (remove the reaction to withdraw your vote):
meeting-proposal-footer = To see the votes: `!meeting votes`. To set the date: `!meeting close`.
meeting-proposal-if-need-be = If you can come to a date only if need be: 🤷 then its number, or `!meeting available 2 maybe`. Dates every association can come to without reservation rank first.
meeting-votes-if-need-be = Only if need be: { $names }
meeting-votes-reserved = (if need be: { $associations })
meeting-scheduled-if-need-be = Only if need be: { $associations } (they said they would come to this date only if need be).
meeting-available = Noted: you can come on { $date }. To withdraw your answer, delete this message.
meeting-available-if-need-be = Noted: on { $date }, you can come **only if need be**. To withdraw your answer, delete this message.
meeting-available-closed = No date proposal is open: the date is set already, or none was proposed. To say whether you come to the meeting set: `!attendance yes`. To propose dates: `!meeting propose 10/12 2pm; Tuesday 6pm`
meeting-available-closed-if-need-be = "If need be" is said on an open date proposal, and none is open: the date is set already, or none was proposed. To say whether you come to the meeting set: `!attendance yes`. Example, on an open proposal: `!meeting available 2 maybe`
meeting-available-no-such-option = There is no date no. { $number }: the proposal has { $count }. Example: `!meeting available 1 maybe`
example-meeting-available = !meeting available 2 maybe
meeting-holiday-mark = ⚠ public holiday
meeting-proposal-open = A date proposal is already open. See the votes with `!meeting votes`, then set the date with `!meeting close` or cancel it with `!meeting cancel`.
meeting-no-proposal = No date proposal is open. To make one: `!meeting propose 10/12 2pm; Tuesday 6pm`
meeting-votes-title = **Votes for the next meeting** (best-ranked first)
meeting-votes-line = { $key } { $date } — { $people ->
        [one] { $people } person
       *[other] { $people } people
    }, { $covered ->
        [one] { $covered } association
       *[other] { $covered } associations
    } of { $total }
meeting-votes-line-people = { $key } { $date } — { $people ->
        [one] { $people } person
       *[other] { $people } people
    }
meeting-votes-who = Can come: { $names }
meeting-votes-nobody = Nobody yet.
meeting-votes-missing = Missing: { $missing }
meeting-votes-all-covered = ✅ every association
meeting-votes-summary-all = Every association is represented on: { $options }.
meeting-votes-summary-none = No date brings every association together yet.
meeting-close-refused = Only the person who proposed these dates ({ $proposer }) or a room moderator can set the date.
meeting-close-tie = Several dates are tied: { $options }. Choose with `!meeting close <n>`, for instance `!meeting close { $first }`.
meeting-close-past = Date { $number } ({ $date }) is already past. Choose another one (`!meeting close 2`) or propose new dates: cancel with `!meeting cancel`, then `!meeting propose 10/12 2pm ; Tuesday 6pm`.
meeting-close-no-such-option = There is no date { $number }: the proposal has { $count }. Example: `!meeting close 1`
meeting-scheduled-attendance = Are you coming? Answer ✅ (coming) or ❌ (excused) under this message, or `!attendance yes` / `!attendance no`. `!attendance` shows who comes, per association.
meeting-scheduled = **Meeting set: { $date }.**
meeting-scheduled-host = Host: { $host }.
meeting-scheduled-invitation = Here is the invitation to add to your calendar.
meeting-cancel-refused = Only the person who proposed this date ({ $proposer }) or a room moderator can cancel the meeting.
meeting-proposal-cancel-refused = Only the person who proposed these dates ({ $proposer }) or a room moderator can cancel the proposal.
meeting-cancelled = The meeting of { $date } is cancelled. Its agenda items wait for the next date.
meeting-invitation-cancelled = Calendars that received the invitation remove it with the file below.
meeting-proposal-cancelled = The date proposal is cancelled.
meeting-no-dated-meeting-but-proposal = No meeting is scheduled. To cancel the open date proposal: `!meeting cancel proposal`
meeting-cancel-which = A meeting is scheduled ({ $date }) and a date proposal is open. Which one should be cancelled? `!meeting cancel meeting` or `!meeting cancel proposal`
meeting-nothing-to-cancel = There is neither a scheduled meeting nor a date proposal to cancel.
meeting-host-set = Noted: { $host } will host the next meeting.
meeting-host-unknown-association = I don't know the association “{ $given }” in this room. Known associations: { $known }. Example: `!meeting host { $first }`
meeting-host-order-set = Hosting order of the meetings: { $order }.
meeting-place-set = Noted: the next meeting will take place at { $place }.
meeting-invitation-updated = Here is the updated invitation for your calendar.
meeting-summary = Coordination meeting
meeting-calendar-agenda = Agenda:
meeting-calendar-file = coordination-meeting.ics

association-list-title = **Associations of this room**
association-list-none = No association is known in this room yet. A moderator can link members to one: `!association set @marie:example.org Secours populaire`
association-list-line = { $association }: { $members }
association-list-nobody = nobody yet
association-list-guests = Guests (no association): { $members }
association-set = Noted: { $user } represents { $association }.
association-unset = Noted: { $user } belongs to no association (guest).
association-set-refused = Only a room moderator can link a member to an association.

error-date = Date { $number } (“{ $given }”) { $problem } Example of a date: `10/12 2pm`
error-date-unreadable = is not a date I can read.
error-date-missing-time = has no time.
error-date-missing-date = has no day.
error-date-no-such-date = does not exist in the calendar.
error-date-weekday = falls on a { $actual }, not a { $written }.
error-date-past = is already past.
error-date-clock-change = falls in the summer-time change: that hour does not exist on that day.
error-date-duplicate = Dates { $first } and { $second } are the same. Each date may appear only once.
error-option-count = A proposal has 2 to 10 dates, separated by semicolons; I read { $count }. Example: `!meeting propose 10/12 2pm; Tuesday 6pm`
error-missing-argument = Something is missing after the command. Example: `{ $example }`
error-expected-user = The member's Matrix id is needed (like `@marie:example.org`){ $given }. Example: `!association set @marie:example.org Secours populaire`
error-unknown-meeting-action = I don't know `!meeting { $given }`. Possible: `propose`, `votes`, `close`, `cancel`, `host`, `place`, or `!meeting` alone. Example: `!meeting propose 10/12 2pm; Tuesday 6pm`

## Polls

help-poll-summary = `!poll` — a poll on a joint position: each association says where it stands
help-poll-details =
    - `!poll <question>`: a For / Against / Abstain poll
    - `!poll <question> | <option> | <option> …`: 2 to 10 options of your own
    - `!poll until 12/12 6pm: <question> | …`: closes by itself then (the same dates as meetings: `10/12 2pm`, `Tuesday 6pm`, `10 December 2pm`…)
    - `!poll results [n]`: who answered what, where each association stands, and whether there is a joint position
    - `!polls`: the open polls, with their numbers
    - `!poll close [n]`: closes poll n (its author or a moderator); `!poll close n record` also writes it to the record of decisions

    To answer: your app's poll, a reaction 1️⃣ 2️⃣ … on the poll, or `!vote <n> <option>`. One voice per person: the latest answer counts. There is a **joint position** when every association answered and all chose the same option. Question: 300 characters at most; option: 100.
help-poll-example = !poll until 12/12 6pm: Do we sign the joint letter to the Prefect on food aid?
example-poll-results = !poll results 2
example-poll-list = !polls
example-poll-close = !poll close 2

help-vote-summary = `!vote` — answer a poll without your app's poll
help-vote-details =
    `!vote <n> <option>` answers poll n, by the option's number or text; `!vote <option>` answers the latest open poll.
    You may change your mind: only your latest answer counts, whether it came from the poll, a reaction or `!vote`.
help-vote-example = !vote 2 For

poll-option-for = For
poll-option-against = Against
poll-option-abstain = Abstain
poll-question = Poll no. { $number }: { $question }
poll-fallback-intro = Poll no. { $number } by { $author }: { $question }
poll-fallback-deadline = Answers until { $date }.
poll-fallback-how = If your app does not show polls, answer with a reaction 1️⃣ 2️⃣ … on this message, or with “!vote { $number } <option>” (for instance “!vote { $number } 1”). One voice per person: the latest answer counts.
poll-results-title = **Poll no. { $number } — results**: { $question }
poll-status-open = Open.
poll-status-open-until = Open until { $date }.
poll-status-closed = Closed on { $date }.
poll-status-closed-late = Closed at its deadline, { $date } — announced late, the bot was down.
poll-option-line = { $key } { $option } — { $count ->
        [0] no answer
        [one] 1 answer
       *[other] { $count } answers
    }
poll-by-association = **By association**
poll-stance-unanimous = { $association }: { $option } ({ $names })
poll-stance-split = { $association }: split — { $details }
poll-stance-missing = { $association }: no answer yet
poll-guests = Guests (not counted for associations): { $details }
poll-joint-adopted = **Joint position: { $option }.**
poll-joint-not-yet = **No joint position yet.**
poll-joint-missing = Not answered: { $associations }.
poll-joint-split = Split: { $associations }.
poll-joint-disagree = The associations do not choose the same option.
poll-joint-none = No association is set up in this room, so there is no joint position to reach. To set them up: `!association set @member:server <association>`
poll-end-text = Poll no. { $number } closed. { $joint }
poll-end-adopted = Joint position: { $option }.
poll-end-not-yet = No joint position.
poll-list-title = **Open polls**
poll-list-line = no. { $number }: { $question } — { $count ->
        [0] no answer
        [one] 1 answer
       *[other] { $count } answers
    }
poll-list-until = until { $date }
poll-list-footer = Results: `!poll results <n>`. To answer: `!vote <n> <option>`.
poll-list-empty = No open poll. To start one: `!poll Do we sign the letter to the Prefect?`
poll-not-found = There is no poll no. { $number } in this room. The open polls: `!polls`
poll-none-open = No open poll in this room. To start one: `!poll Do we sign the letter to the Prefect?`
poll-none = No poll in this room yet. To start one: `!poll Do we sign the letter to the Prefect?`
poll-already-closed = Poll no. { $number } is already closed. Its results: `!poll results { $number }`
poll-close-refused = Only the person who started poll no. { $number } ({ $author }) or a room moderator may close it.
poll-closed-no-answer = Poll no. { $number } is closed: answers no longer count. Its results: `!poll results { $number }`
poll-no-such-option = Poll no. { $number } has no option “{ $given }”. Options: { $options }. Example: `!vote { $number } 1`
poll-answer-recorded = Noted: { $voter } answers “{ $option }” to poll no. { $number }. To change your mind, answer again: only the latest answer counts.
error-poll-deadline = The deadline “{ $given }” { $problem } Example: `!poll until 12/12 6pm: Do we sign the letter to the Prefect?`
error-poll-deadline-without-question = After the deadline, put a colon, then the question. Example: `!poll until 12/12 6pm: Do we sign the letter to the Prefect?`
error-poll-question-missing = The poll's question is missing. Example: `{ $example }`
error-poll-question-too-long = This question has { $length } characters, { $max } at most. Shorten it and give the background in a separate message.
error-poll-option-count = A poll has { $min } to { $max } options, separated by `|`; I count { $count }. Example: `!poll Which day for the collection? | Saturday | Sunday`
error-poll-option-empty = Option no. { $number } is empty: check the `|`. Example: `!poll Which day for the collection? | Saturday | Sunday`
error-poll-option-too-long = Option no. { $number } has { $length } characters, { $max } at most.
error-poll-option-duplicate = Options no. { $first } and no. { $second } are the same. Each option must appear once.

## Record of decisions, actions, minutes

help-decision-summary = `!decision` — the record of decisions: record, search, amend, revoke
help-decision-details =
    - `!decision <text>`: record a decision (numbered, dated, linked to the day's meeting or the latest one)
    - `!decisions`: the latest ten; `!decisions <words>`: search (accents, case and apostrophes do not matter)
    - `!decision <n>`: one decision in full, with its meeting, its poll and its versions
    - `!decision amend <n> <text>`: a new version (the old one stays in the history)
    - `!decision revoke <n> <reason>`: revoke it, with the reason (it stays in the record)

    Amend or revoke: its author or a moderator. `!poll close <n> record` also records a poll's outcome.
help-decision-example = !decision The group signs the joint letter to the Prefect on food aid
example-decision-show = !decision 3
example-decision-amend = !decision amend 3 The group signs the joint letter to the Prefect and the county council
example-decision-revoke = !decision revoke 3 Letter replaced by a meeting with the DDETS
example-decision-search = !decisions prefect

help-action-summary = `!action` — who does what, by when
help-action-details =
    - `!action <@member:server or association> <what> [by <date>]`: an action, numbered, linked to the meeting
    - `!actions`: the open actions (late ones first)
    - `!action done <n>`: mark it done (the person or association concerned, or a moderator)
help-action-example = !action Croix-Rouge Write to the mayor of Chelles by 15/12
example-action-done = !action done 2
example-action-list = !actions

help-minutes-summary = `!minutes` — the minutes of the last meeting (or of a date), as Markdown and PDF; approved by each association into the adopted minutes
help-minutes-details =
    `!minutes` gives the minutes of the last meeting: date, place, host, present and excused by association, guest speakers, the agenda with each item's notes, polls closed that day, decisions and actions, and their status (draft). `!minutes 10/12`: those of the meeting of 10 December. They are also sent as a Markdown file and a PDF.

    - `!minutes approve [date]`: approve them on behalf of your association (one approval per association; the latest counts). Once every association has approved, the minutes are adopted: the text is frozen (with its SHA-256 fingerprint) and I post the adopted minutes as a PDF.
    - `!minutes adopt [date]`: a moderator adopts them without waiting for every association; the adopted minutes say which had not approved.
help-minutes-example = !minutes 10/12

error-decision-too-long = This decision has { $length } characters, { $max } at most.
decision-recorded = **Decision no. { $number } recorded**: { $text } ({ $meeting })
decision-meeting = meeting of { $date }
decision-no-meeting = no meeting
decision-amended = amended ({ $versions } versions)
decision-revoked-mark = **revoked** on { $date }: { $reason }
decision-list-title = **Latest decisions**
decision-list-empty = The record is empty so far. To record a decision: `!decision The group signs the letter to the Prefect`
decision-list-footer = One decision in full: `!decision <n>`. Search: `!decisions <words>`.
decision-search-title = **Decisions found for “{ $words }”** ({ $count })
decision-search-empty = No decision contains “{ $words }”. Try another word, for instance `!decisions prefect`, or see the latest with `!decisions`.
decision-detail-title = **Decision no. { $number }**: { $text }
decision-detail-by = Recorded by { $author }, on { $date }
decision-from-poll = Outcome of poll no. { $number }
decision-detail-revoked = Revoked by { $by } on { $date }: { $reason }
decision-history = **History**
decision-not-found = There is no decision no. { $number } in this room. The latest: `!decisions`
decision-amended-reply = Decision no. { $number } amended (version { $version }): { $text }. The former text stays in the history (`!decision { $number }`).
decision-revoked-reply = Decision no. { $number } revoked: { $reason }. It stays in the record, marked revoked.
decision-already-revoked = Decision no. { $number } is already revoked.
decision-change-refused = Only the person who recorded decision no. { $number } ({ $author }) or a room moderator may amend or revoke it.
decision-poll-adopted = Joint position adopted: { $option } — { $question } (poll no. { $number }: { $counts }; rule: { $rule })
decision-poll-not-adopted = No joint position — { $question } (poll no. { $number }: { $counts }; rule: { $rule })

action-line = no. { $number } — { $owner }: { $text }
action-due = by { $date }
action-done-mark = ✅ done
action-late-mark = ⚠️ **late**
action-recorded = Action recorded: { $line }
action-list-title = **Open actions**
action-list-empty = No open action. To note one: `!action Croix-Rouge Write to the mayor of Chelles by 15/12`
action-list-footer = When it is done: `!action done <n>`.
action-done = Action no. { $number } done: { $owner } — { $text }. Thank you!
action-already-done = Action no. { $number } is already done.
action-not-found = There is no action no. { $number } in this room. The open actions: `!actions`
action-done-refused = Only { $owner } (the person or association concerned) or a moderator may mark action no. { $number } as done.
action-unknown-owner = I do not know who “{ $given }” is: give a member (`@marie:example.org`) or one of the room's associations ({ $known }). Example: `!action Croix-Rouge Write to the mayor of Chelles by 15/12`
action-missing-what = What is to be done is missing. Example: `!action Croix-Rouge Write to the mayor of Chelles by 15/12`
action-too-long = This action has { $length } characters, { $max } at most.
action-bad-due-date = The due date “{ $given }” is not a coming day I can read. Example: `by 15/12`

minutes-title = **Minutes of the meeting of { $date }**
minutes-present = Present: { $list }
minutes-excused = Excused: { $list }
minutes-not-represented = Associations not represented: { $list }
minutes-place = Place: { $place }
minutes-host = Host: { $host }
minutes-unknown = not given
minutes-agenda = **Agenda**
minutes-polls = **Polls**
minutes-decisions = **Decisions**
minutes-actions = **Actions**
minutes-none = None.
minutes-item-treated = treated
minutes-item-carried = carried over
minutes-item-withdrawn = withdrawn
minutes-item-open = not treated
minutes-file-name = minutes-{ $date }.md
minutes-bad-date = I cannot read the day “{ $given }”. Example: `!minutes 10/12`
minutes-no-meeting = No meeting has taken place in this room yet.
minutes-no-meeting-that-day = There was no meeting on { $date }. For the last one: `!minutes`
minutes-status-draft = **Status: draft.** To approve them on behalf of your association: `!minutes approve`
minutes-approved-by = Approved by: { $list }
minutes-approved-by-none = No association has approved yet
minutes-awaited = awaited: { $list }
minutes-approved = ✅ Minutes approved for { $association }.
minutes-adopted-on = **Minutes adopted on { $date }**
minutes-adopted-by-moderator = Adopted by { $moderator } (moderator) without every association's approval
minutes-not-approved-by = Had not approved: { $list }
minutes-fingerprint = SHA-256 fingerprint: `{ $fingerprint }`
minutes-adopted = **Minutes adopted** — meeting of { $meeting }. The text is frozen: a correction is now a new decision. SHA-256 fingerprint: `{ $fingerprint }`. The PDF follows.
minutes-already-adopted = The minutes of the meeting of { $meeting } are adopted already (on { $date }, SHA-256 fingerprint `{ $fingerprint }`): they no longer change. A correction is a new decision: `!decision …`
minutes-approve-no-association = To approve the minutes you need to represent one of the room's associations. A moderator can link you to one: `!association set @you:server Croix-Rouge`
minutes-approve-no-associations = No association is set in this room: nobody can approve on behalf of one. A moderator can adopt the minutes: `!minutes adopt`, or set the associations: `!association set @member:server <association>`
minutes-adopt-refused = Only a room moderator may adopt the minutes without every association's approval. Each association approves with `!minutes approve`.
minutes-pdf-name = minutes-{ $date }.pdf
minutes-pdf-untitled = Joint meeting
minutes-pdf-draft = Draft — not adopted yet
minutes-pdf-adopted = Adopted on { $date } — SHA-256 fingerprint { $fingerprint }
export-decisions-title = # Record of decisions
export-decisions-header = number,date,text,author,association,meeting,poll,versions,revoked on,reason
export-contacts-header = number,organisation,name,role,phone,e-mail,note,added by,association,added on,confirmed on
export-letters-header = number,title,status,version,approved on,sent on,recipients,fingerprint,answers

## Reminders

help-remind-summary = `!remind` — a reminder at a given time; `!reminders` — the room's reminders and the meetings'
help-remind-details =
    - `!remind <when> <text>`: `in 2 hours`, `tomorrow 9am`, `Monday 6pm`, `12/12 2pm`, `2026-12-12 14:00`; every week: `every Monday 9am`, every day: `every day 8am`
    - `!reminders`: the coming reminders, numbered; `!reminders cancel <n>`: cancel one (its author or a moderator)
    - `!reminders meeting 7d 1d 2h`: when to remind of meetings (by default 7 days, 1 day and 2 hours before); `!reminders meeting none` to stop

    Reminders are messages that ring phones and mention the people concerned. I also remind of polls (the day before the deadline, to the associations that have not answered) and actions (two days before and on the day). A reminder due while I was down goes out when I am back, once, marked late.
help-remind-example = !remind tomorrow 9am Send the agenda
example-reminders-cancel = !reminders cancel 2
example-reminders-list = !reminders
example-reminders-meeting = !reminders meeting 7d 1d 2h

reminder-every-day = every day at { $time }
reminder-every-weekday = every { $day } at { $time }
reminder-created = Noted: I will remind you on { $date }: “{ $text }” (reminder no. { $number }).
reminder-created-recurring = Noted: I will remind you { $every }, next on { $date }: “{ $text }” (reminder no. { $number }).
remind-error-unreadable = I cannot tell when: start with the time (`in 2 hours`, `tomorrow 9am`, `Monday 6pm`, `12/12 2pm`, `every Monday 9am`), then the text.
remind-error-past = That time is already past.
remind-error-no-such-date = That day does not exist in the calendar.
remind-error-too-far = That is more than two years ahead: I do not take reminders that far.
remind-example = Example: `!remind tomorrow 9am Send the agenda`
remind-missing-text = The reminder's text is missing.
remind-too-long = This reminder has { $length } characters, { $max } at most.
reminder-list-title = **Coming reminders**
reminder-list-empty = No coming reminder. To note one: `!remind tomorrow 9am Send the agenda`
reminder-meeting-offsets = Meeting reminders: { $offsets } before. To change: `!reminders meeting 7d 1d 2h`
reminder-meeting-none = Meetings are not reminded in this room. To remind them: `!reminders meeting 7d 1d 2h`
reminder-meeting-error = I did not understand these delays. Example: `!reminders meeting 7d 1d 2h` (d: days, h: hours, min: minutes, 60 days at most), or `!reminders meeting none`.
duration-days = { $count ->
        [one] 1 day
       *[other] { $count } days
    }
duration-hours = { $count ->
        [one] 1 hour
       *[other] { $count } hours
    }
duration-minutes = { $count ->
        [one] 1 minute
       *[other] { $count } minutes
    }
reminder-cancelled = Reminder no. { $number } cancelled: “{ $text }”.
reminder-not-found = There is no coming reminder no. { $number } in this room. The reminders: `!reminders`
reminder-cancel-refused = Only the person who asked for reminder no. { $number } ({ $author }) or a room moderator may cancel it.
reminder-late = (due on { $date }, sent late)
reminder-late-short = (sent late)
reminder-message = ⏰ Reminder for { $author }: { $text }
reminder-attendance = **Attendance**:
reminder-attendance-call = { $association } is not represented yet: { $people }, are you coming? Answer ✅ or ❌ under the meeting's announcement, or `!attendance yes`.
reminder-meeting = 📅 **Meeting in { $delay }**: { $meeting }.
reminder-agenda-empty = The agenda is empty so far.
reminder-meeting-ask-items = Items to add? `!agenda add <text>` (or `!agenda urgent <text>`).
reminder-late-actions = **Late actions**
reminder-poll-nudge = 🗳️ **Poll no. { $number }** “{ $question }”: closes on { $date }. No answer yet: { $missing }.
reminder-action-before = 📌 Action no. { $number } for { $owner }: { $text } — due by { $date }.
reminder-action-day = 📌 Action no. { $number } for { $owner }: { $text } — it is due today ({ $date }).

## The group's page

help-page-summary = `!page` — the link to the group's private web page (decisions, positions, meetings, calendar)
help-page-details =
    `!page` gives the link to the group's page: next meeting, record of decisions with search, joint positions, minutes, and a calendar of the meetings to add to your calendar app. Whoever has the link can read the page: share it with the group only. `!page new-link` (moderators) replaces the link; the old one stops working at once.
help-page-example = !page
page-disabled = The web page is not enabled on this bot. Whoever hosts it can enable it in the configuration (`[web]` section).
page-new-link-refused = Only a room moderator may replace the page's link.
page-link = The group's page (private: whoever has this link can read it): { $page }
    Meetings calendar, to add to your calendar app: { $webcal } (or { $calendar })
page-new-link = New link to the group's page: { $page } — the old one no longer works.
    Meetings calendar: { $webcal } (or { $calendar })
web-home = Next meeting
web-decisions = Decisions
web-positions = Joint positions
web-meetings = Meetings
web-calendar = Calendar (.ics)
web-next-meeting = Next meeting
web-no-meeting = No meeting planned yet.
web-place = Place
web-host = Host
web-agenda = Agenda
web-urgent = urgent
web-search = prefect, shelter…
web-search-label = Search the decisions
web-search-button = Search
web-no-result = No decision contains these words.
web-no-decision = No decision recorded yet.
web-meeting-of = meeting of
web-poll = poll no.
web-revoked = Revoked on
web-history = Earlier versions
web-no-position = No joint position adopted yet.
web-minutes-download = minutes (Markdown)
web-minutes-adopted-pdf = adopted minutes (PDF)
web-minutes-draft-pdf = draft (PDF)

## Attendance

help-attendance-summary = `!attendance` — who comes to the next scheduled meeting, per association
help-attendance-details =
    Once the date is set, answer ✅ (coming) or ❌ (excused) under the meeting's announcement, or:
    - `!attendance yes` / `!attendance no`: your answer (the latest counts)
    - `!attendance yes @marie:example.org, Jean`: note other members' attendance (the secretary of the day); I keep who noted it
    - `!attendance`: per association, who comes, who is excused, who has not answered, and the associations not represented
help-attendance-example = !attendance yes
example-attendance-list = !attendance
attendance-title = **Attendance — { $meeting }**
attendance-line = { $association }: { $coming }/{ $size } — { $names }
attendance-line-not-represented = { $association }: 0/{ $size } — not represented
attendance-excused = excused: { $names }
attendance-silent = no answer: { $names }
attendance-others-coming = Coming, outside the associations: { $names }
attendance-others-excused = Excused, outside the associations: { $names }
attendance-nobody-yet = Nobody has answered yet.
attendance-how = Answer ✅ or ❌ under the meeting's announcement, or `!attendance yes` / `!attendance no`.
attendance-no-meeting = No meeting is scheduled: attendance is noted once the date is set (`!meeting close`).
attendance-unknown-members = I cannot find in this room: { $names }. Name members by their display name or their id, for example `!attendance yes @marie:example.org`.
attendance-noted-coming = Noted: you are coming to { $meeting }.
attendance-noted-excused = Noted: you are excused for { $meeting }.
attendance-noted-others-coming = Noted for { $meeting }: { $names } { $count ->
        [one] is coming
       *[other] are coming
    }.
attendance-noted-others-excused = Noted for { $meeting }: { $names } { $count ->
        [one] is excused
       *[other] are excused
    }.

## Guests

help-guest-summary = `!guest` — the speakers invited to a meeting (ADSEA, OFII, MDS…)
help-guest-details =
    - `!guest add <name> [<email>] [— <topic>]`: invite someone to the next meeting (or to the one of the day given by `for <date>`); the address is for e-mails and is never shown whole
    - `!guests`: the next meeting's guests, numbered
    - `!guest remove <n>`: remove guest n (whoever added them or a moderator; their address is deleted)

    Guests show in `!meeting`, in the reminders and in the minutes ("Speakers").
help-guest-example = !guest add Mrs Martin (ADSEA) martin@adsea77.example — isolated young migrants
example-guest-list = !guests
example-guest-remove = !guest remove 1
guests-line = Speakers: { $guests }
guest-added = Guest { $number } added to { $meeting }: { $guest }
guest-added-will-be-emailed = An e-mail will go to this address: the meeting's invitation, then its updates and its cancellation. Each carries a "not meant for me" link that deletes the address.
emails-held-back = 📮 Some e-mails are waiting: the limit of { $per_recipient } e-mails a day to one address, or of { $per_room } a day from this room, is reached. They will go as soon as it allows; none is lost.
guest-list-title = **Guests of { $meeting }**
guest-list-empty = No guest for { $meeting }. To add one: `!guest add Mrs Martin (ADSEA) — isolated young migrants`
guest-removed = Guest { $number } removed: { $name }.
guest-missing = There is no guest { $number } ({ $count } guest(s) for the next meeting). See the list: `!guests`
guest-no-meeting-on = No meeting is scheduled on { $date }. Without a date, the guest goes to the next meeting: `!guest add Mrs Martin (ADSEA)`
guest-remove-refused = Only the person who added this guest ({ $author }) or a room moderator can remove them.
example-minutes-approve = !minutes approve
example-minutes-adopt = !minutes adopt 10/12
error-unknown-rhythm = I don't know the rhythm “{ $given }”. Choose: `!meeting rhythm quarterly`, `bimonthly`, `monthly` or `none`.
example-meeting-rhythm = !meeting rhythm quarterly
meeting-rhythm-none = No rhythm is set: dates are proposed by hand (`!meeting propose …`). For one meeting a quarter: `!meeting rhythm quarterly`
meeting-rhythm-quarterly = quarterly
meeting-rhythm-bimonthly = every two months
meeting-rhythm-monthly = monthly
meeting-rhythm-line = Rhythm: { $rhythm }.
meeting-rhythm-set = Meeting rhythm: { $rhythm }. { $when }
meeting-rhythm-unset = No rhythm any more: I will no longer propose dates by myself.
meeting-rhythm-next = Next meeting due around { $due }: I will propose four dates on { $propose_on }, unless a meeting is already set or proposed.
meeting-rhythm-next-soon = Next meeting due around { $due }: I am proposing dates right away, unless a meeting is already set or proposed.
meeting-rhythm-no-meeting = I will propose dates before it is due once a meeting has taken place (it is counted from the last meeting).
meeting-rhythm-proposal = { $mentions } — { $rhythm } rhythm: the next meeting is due around { $due }. Here are four dates, on the weekday and at the hour of the last meeting; react with the numbers of the dates you can come.
meeting-rhythm-line-none = Rhythm: none (for one meeting a quarter: `!meeting rhythm quarterly`).

## The room replaced by a new version of itself (a room upgrade)
room-new-link = the new room
room-old-link = the old room
room-replaced = 🏠 This room has been replaced by { $link }. The group's record went there (associations, agenda, meetings, decisions, actions, reminders, the page's link): let us carry on there.
room-replaced-closed = The votes still open in the old room are closed:
room-closed-dates = the date proposal ({ $voters ->
        [0] nobody had answered
        [one] one person had answered
       *[other] { $voters } people had answered
    }): propose the dates again with `!meeting propose …`
room-closed-poll = poll no. { $number } “{ $question }”: its results follow
room-closed-attendance = attendance by reaction under the invitation: answer with `!attendance yes` or `!attendance no` (the answers already given are kept)
room-followed = 👋 Hello! This room replaces { $link }: the group's record followed me.
room-followed-counts = Here now: { $counts }.
room-count-associations = { $count ->
        [one] one association
       *[other] { $count } associations
    }
room-count-agenda = { $count ->
        [one] one agenda item
       *[other] { $count } agenda items
    }
room-count-meetings = { $count ->
        [one] one planned meeting
       *[other] { $count } planned meetings
    }
room-count-decisions = { $count ->
        [one] one decision
       *[other] { $count } decisions
    }
room-count-actions = { $count ->
        [one] one open action
       *[other] { $count } open actions
    }
room-count-reminders = { $count ->
        [one] one reminder
       *[other] { $count } reminders
    }
room-followed-end = The language, the rhythm and the page's link stay the same: the old link now opens this room. `!help` for the commands.
room-moved-away = This room has been replaced: the group carries on in { $link }. Send your commands there.

## By e-mail

help-email-summary = `!email` — the people who follow the group by e-mail (a representative without a Matrix account)
help-email-details =
    - `!email add <address> <association> <name…>`: someone who follows the group by e-mail, counted for their association like a member (moderators); the association is read at the start of the words, accents and case aside
    - `!emails`: the list, numbered, addresses masked
    - `!email remove <n>`: remove person n; their address is deleted (moderators)
    - `!email new-link <n>`: a new personal link for person n, sent by e-mail; the old one stops working (moderators)

    They receive by e-mail the meeting invitations and reminders, the proposed dates and the polls with their personal link to answer (counted for their association, shown as “(by e-mail)” in `!meeting votes` and `!poll results`), the polls' results and the adopted minutes as a PDF.

    Every e-mail carries a link to unsubscribe (one click in the mail programs that offer it): the room is told once. Addresses are kept only in Concerto's database: never whole in the room, never in the logs.
help-email-example = !email add jean.ledoux@restosducoeur.example Restos du Cœur Jean Ledoux
example-email-list = !emails
example-email-remove = !email remove 1
example-email-new-link = !email new-link 1
email-new-link-done = New personal link for { $name } ({ $association }, no. { $number }): the old one no longer works, the new one is sent to them by e-mail.
email-new-link-unsubscribed = New personal link for { $name } ({ $association }, no. { $number }): the old one no longer works. { $name } unsubscribed from the e-mails: the new link is not sent to them.
email-added = Noted: { $name } ({ $association }) follows the group by e-mail, number { $number } ({ $address }).
email-not-configured = Sending e-mail is not configured for this bot yet (the `[email]` section of its configuration): nothing goes out until it is.
email-guest-unsubscribed = The guest { $name } unsubscribed from the e-mails: their address is deleted, nothing more will be sent to them.
email-unsubscribed = { $name } ({ $association }) unsubscribed: no more e-mail will be sent to them. To remove them from the list: `!email remove { $number }`.
email-missing-name = The person's name is missing after "{ $association }". Example: `!email add jean.ledoux@example.org { $association } Jean Ledoux`
email-address-erased = address deleted
email-unsubscribed-before = This address unsubscribed from the e-mails: number { $number }, { $name } ({ $association }). The address was deleted; only a fingerprint is kept, to tell you so. To add it again, with their consent, first remove the old entry: `!email remove { $number }`.
email-duplicate = This address is already on the list: number { $number }, { $name } ({ $association }, { $address }).
email-removed = { $name } ({ $association }) no longer follows the group by e-mail; their address is deleted.
email-missing = There is no number { $number } on the list ({ $count ->
        [0] nobody follows the room by e-mail
        [one] { $count } person
       *[other] { $count } people
    }). See the list: `!emails`
email-unknown-association = I find none of this room's associations at the start of "{ $given }". Associations: { $known }. Example: `!email add jean.ledoux@example.org { $first } Jean Ledoux`
email-no-association = This room knows no association yet. Link its members first (`!association set @marie:example.org Secours populaire`), then add the person: `!email add jean.ledoux@example.org Secours populaire Jean Ledoux`
email-list-title = **Following the group by e-mail**
email-list-line = number { $number } — { $name } ({ $association }): { $address }
email-list-empty = Nobody follows this room by e-mail. A moderator can add someone: `!email add jean.ledoux@restosducoeur.example Restos du Cœur Jean Ledoux`
email-list-unsubscribed = — unsubscribed: receives nothing more
email-list-footer = To remove someone (their address is then deleted): `!email remove <n>`.
email-manage-refused = Only a room moderator can add or remove a person who follows by e-mail.
error-expected-email = "{ $given }" is not an e-mail address. The address comes first, then the association and the name. Example: `!email add jean.ledoux@restosducoeur.example Restos du Cœur Jean Ledoux`
error-email-too-long = The association and name are { $length } characters long, { $max } at most. Example: `!email add jean.ledoux@restosducoeur.example Restos du Cœur Jean Ledoux`
email-hello = Hello { $name },
email-signature = Concerto, the coordination group's assistant
email-invitation-subject = Coordination meeting: { $date }
email-invitation-intro = The next coordination meeting takes place on { $date }.
email-place = Place: { $place }
email-place-unknown = Place: to be settled
email-host = Host: { $host }
email-host-unknown = Host: to be settled
email-agenda = Agenda:
email-invitation-attached = The invitation is attached: open it to add the meeting to your calendar (a later invitation updates it).
email-cancel-subject = Cancelled: coordination meeting of { $date }
email-cancel-intro = The coordination meeting of { $date } is cancelled.
email-cancel-attached = The attached file removes it from your calendar.
email-unsubscribe = Not meant for you, or no longer wanted? One click, and nothing more will be sent to you:
web-unsubscribe-title = Stop receiving the coordination group's e-mails
web-unsubscribe-ask = You receive the coordination group's invitations and news by e-mail. To stop receiving them, confirm:
web-unsubscribe-button = Unsubscribe
web-unsubscribe-done = Done: { $name } will receive no more e-mail from the coordination group. The group has been told.
email-voter-name = { $name } (by e-mail)
web-personal-title = Your answers to the group — { $group }
web-personal-hello = Hello { $name }. Your answers count for { $association }, as those of the members of the group's room do. You may change them while the vote is open: the latest counts.
web-personal-saved = Your answer is saved.
web-personal-nothing = Nothing to answer for now: no dates and no poll are open. You will get an e-mail when there are.
web-personal-dates-title = Dates proposed for the next meeting
web-personal-dates-legend = I can come:
web-personal-if-need-be = if need be
web-personal-dates-none = You answered that you can come to none of these dates.
web-personal-dates-button = Save my availability
web-personal-poll-title = Poll no. { $number }
web-personal-poll-deadline = Closes: { $date }.
web-personal-poll-button = Save my choice
web-personal-unsubscribe = Stop receiving the group's e-mails
web-personal-refused-title = Answer not saved
web-personal-stale = This form is no longer valid: your link may have been renewed. Open the link of the latest e-mail again, then answer again.
web-personal-closed = This vote is closed: your answer was not saved. The group has settled the result already.
web-personal-invalid = Your choice is missing: for a poll, tick one of the answers, then save.
web-personal-back = Back to my answers
email-reminder-subject = Reminder: coordination meeting, { $date }
email-reminder-intro = Reminder: the coordination meeting takes place on { $date }.
email-proposal-subject = Dates proposed for the next coordination meeting
email-proposal-intro = Dates are proposed for the next coordination meeting. Tell the group which ones you can come to: your answer counts for your association.
email-proposal-dates = Proposed dates:
email-answer-link = To answer (your personal link, do not pass it on):
email-answer-without-link = To answer, tell a member of the group: there is no page to answer online yet.
email-poll-subject = Poll no. { $number }: { $question }
email-poll-intro = The group asks each association's view: “{ $question }”
email-poll-options = Possible answers:
email-poll-deadline = The poll closes: { $date }.
email-poll-result-subject = Result of poll no. { $number }: { $question }
email-poll-result-intro = The poll “{ $question }” is closed.
email-poll-result-counts = Answers:
email-poll-result-line = { $option }: { $count ->
        [0] no vote
        [one] { $count } vote
       *[other] { $count } votes
    }
email-minutes-subject = Minutes adopted: meeting of { $date }
email-minutes-intro = The minutes of the coordination meeting of { $date } were approved by every association.
email-minutes-attached = They are attached as a PDF.
email-letter-signed = Signed by: { $associations }.
email-letter-attached = The signed letter is attached as a PDF (SHA-256 fingerprint: { $fingerprint }).
email-new-link-subject = Your new personal link for the coordination group
email-new-link-intro = Your personal link was renewed: the old one no longer works. Keep this one to answer the group's dates and polls.

## Dates, times and typography (chrono: %A the weekday, %B the month, %Y the year…)
# The day of the month as English writes it here: "1", "2"…
date-day-of-month = { $day }
# A time of day: "2:00 pm".
date-time-of-day = %-I:%M %P
# "Thursday 10 December 2026, 2:00 pm"
date-with-time = %A { $day } %B %Y, { $time }
# "30 November 2026"
date-in-words = { $day } %B %Y
# "15 Dec 2026"
date-short = { $day } %b %Y
date-weekday = %A
# A number: "no. 3".
number-sign = no. { $number }
# A quoted text: “FEAD budget”.
quoted = “{ $text }”
# A label and its value: "Place: Melun".
labelled = { $label }: { $value }
# What separates the items of a list: "Restos du Cœur; Croix-Rouge".
list-semicolon = {"; "}

## Personal data: !privacy, the public page, the e-mails' footer

privacy-title = Your personal data and Concerto
privacy-who-heading = Who processes it
privacy-who = { $controllers }, joint controllers of the processing (GDPR, art. 26).
privacy-who-unnamed = The associations that coordinate in the room, joint controllers of the processing (GDPR, art. 26); none is named in the configuration yet.
privacy-why-heading = Why
privacy-why = To prepare and follow the associations' joint work: meetings, agendas, polls, decisions, actions and reminders.
privacy-why-email = To keep people without a Matrix account informed by e-mail, at their request.
privacy-why-web = To show members, through a private link, the group's decisions, positions and meetings.
privacy-why-basis = Legal basis: the associations' legitimate interest in coordinating (GDPR, art. 6.1.f).
privacy-kept-heading = What is kept, and for how long
privacy-kept-record = The group's record (decisions, adopted minutes, actions, meetings and attendance): until the group deletes it.
privacy-kept-association = Your Matrix id and your association: as long as the room links you to it.
privacy-kept-messages = The bot's messages and the ids of the messages it handled: { $days } days.
privacy-kept-dates = Your answers to date proposals: until the chosen meeting.
privacy-kept-polls = Your answers to polls: { $days } days after they close; then only each association's position stays (the answer still counts, without your name).
privacy-kept-reminders = Reminders: until they have rung, or are cancelled.
privacy-kept-undecryptable = Encrypted messages the bot could not read: { $days } days.
privacy-kept-email = Sent e-mails: their text { $days } days after sending (only the trace that they went out stays).
privacy-kept-unsubscribed = The address of someone who unsubscribes: deleted at once (only its fingerprint stays, so that it is not added back by mistake).
privacy-rights-heading = Your rights
privacy-rights = Access, rectification, erasure, restriction and objection (GDPR, art. 15 to 21); a complaint to the CNIL (cnil.fr).
privacy-contact-heading = Whom to ask
privacy-contact = { $contact }
privacy-contact-none = No contact was given in the configuration: ask your association's representatives.
privacy-page-at = This notice online: { $url }
privacy-footer-first = Your data is processed by { $who } to coordinate their joint work; the e-mails' text is kept { $email_days } days after sending, poll answers { $poll_days } days after they close.
privacy-footer-second = To see, correct or erase your data: { $contact }
privacy-footer-page = Details: { $url }
privacy-footer-unnamed = the room's associations
help-privacy-summary = `!privacy` — what the bot keeps about you, for how long, and whom to ask
help-privacy-details =
    `!privacy` shows who processes your data, why, what is kept and for how long (from the configuration in force), your rights and whom to ask. The same notice is online at the bot's `/privacy` page when its web page is on, and at the foot of every e-mail.
help-privacy-example = !privacy

## The register entry (concerto export register)

register-title = Record of processing activities: Concerto, the coordination group's assistant
register-made = Entry made on { $date } from the configuration in force (GDPR, art. 30).
register-purpose = Purpose and legal basis
register-controllers = Joint controllers (art. 26)
register-controllers-none = To fill in: no association is named (key `controllers` of the `[privacy]` section).
register-people = Data subjects
register-people-members = The associations' representatives in the bot's Matrix rooms.
register-people-guests = The meetings' guests (speakers), named by a member.
register-people-email = The people who follow the group by e-mail, added by a member with their consent.
register-data = Categories of data
register-data-identity = Matrix id, display name, association represented.
register-data-texts = Texts written in commands: agenda items and notes, decisions, actions, reminders, polls.
register-data-answers = Answers to polls and date proposals; attendance at meetings; approvals of the minutes.
register-data-guests = Guests: name, organisation or role, topic.
register-data-guests-email = Guests: name, organisation or role, topic, and e-mail address when given.
register-data-email = People following by e-mail: name, association, e-mail address; the e-mails sent to them and their answers through a personal link.
register-data-web = Private web page: no further data; its links are kept as fingerprints.
register-recipients = Recipients
register-recipients-members = The members of the group's rooms.
register-recipient-homeserver = The Matrix homeserver (host of the rooms)
register-recipient-smtp = The e-mail provider (SMTP)
register-transfers = Transfers outside the European Union
register-transfer-none = none (a server of this machine, of a private network or of a Union domain)
register-transfer-check = to check (nothing in its name tells where it is)
register-retention = Retention periods
register-security = Security measures
register-security-e2ee = End-to-end encryption of the encrypted rooms (Matrix); the bot cross-signs its devices and backs up its keys.
register-security-store = The bot's Matrix store (encryption keys included) is encrypted with a passphrase; its files are readable by the bot's account only.
register-security-backup-passphrase = Backups encrypted (age) with a passphrase kept off the backup host.
register-security-backup-recipient = Backups encrypted (age) to a public key: only the matching secret key reads them back.
register-security-backup-missing = Backups: no key is configured (`[backup]` section); `concerto backup` refuses to write an unencrypted archive.
register-security-tokens = The page's links and the personal links are kept only as fingerprints, and never logged.
register-security-power = Access by power level in the room: sensitive actions are for moderators.
register-security-logs = Logs: at the usual level (info), ids and counts only: no names, no texts, no addresses.
register-security-smtp-tls = E-mails go out encrypted (TLS) to the provider.
register-security-smtp-local = E-mails go out unencrypted, to a server of this machine only.
register-pdf-status = Entry made on { $date }
anonymous-answer = an anonymous answer

## !my-data: the copy of what the bot keeps about a person

subject-title = What Concerto keeps about { $person }
subject-made = Copy made on { $date } (GDPR, art. 15). The same copy is attached as JSON.
subject-nothing = Concerto keeps nothing about you.
subject-associations = Your association, by room
subject-agenda-items = Agenda items you added
subject-notes = Notes you wrote
subject-decisions = Decisions (and versions) you recorded
subject-actions = Actions you created or that are yours
subject-reminders = Reminders you set
subject-polls = Polls you started
subject-answers = Your answers
subject-answer-poll = poll { $number } “{ $question }”: { $choice }
subject-answer-dates = date proposal: date { $option }
subject-answer-dates-if-need-be = date proposal: date { $option }, if need be
subject-answer-attendance = attendance at the meeting of { $meeting }: { $answer ->
    [yes] coming
    [no] excused
   *[none] no answer
}
subject-approvals = Minutes approved for your association
subject-approval = meeting of { $meeting }
subject-guests = Guests you added
subject-people = People you signed up for e-mails (addresses masked)
subject-mandates = Proxies you gave, noted, withdrew or hold
subject-contacts = Contacts you added to the address book
subject-sent = I am sending you what I keep about you in a private, encrypted room, for you alone (the first time, accept its invitation). To erase it: `!forget-me`.
subject-intro = Here is what Concerto keeps about you: as readable text (Markdown) and as JSON. To erase what concerns you, write `!forget-me` in the group's room.
subject-intro-empty = Concerto keeps nothing about you: the two files below say so.
help-my-data-summary = `!my-data` — a copy of everything the bot keeps about you, sent to you alone
help-my-data-details =
    `!my-data` sends you, in a private encrypted room the bot opens with you, everything it keeps about you: your association, the items, notes, decisions, actions, reminders and polls you wrote, your answers and attendance, the minutes you approved, the people you added (addresses masked), with their dates — as readable text (Markdown) and as JSON.
help-my-data-example = !my-data
help-forget-me-summary = `!forget-me` — erase what concerns you (after confirming)
help-forget-me-details =
    `!forget-me` says what will be erased and what will stay, then `!forget-me confirm` erases it: your answers to polls and dates (closed results stay, without your name), your reminders, your attendance at coming meetings, your association link; in the record (decisions, actions, agendas), your name is replaced by your association. Adopted minutes are frozen and signed by their fingerprint: they are not rewritten.
help-forget-me-example = !forget-me
subject-file = my-data
erased-member-of = a member ({ $association })
erased-member = a member
forget-nothing = Concerto keeps nothing about you: there is nothing to erase.
forget-asked = **Erase what concerns you?**
    - Erased: your answers ({ $answers }) to polls, dates and coming meetings, your reminders ({ $reminders }){ $associations ->
        [0] {""}
       *[other] , your link to { $association_names }
    }. The results of closed polls stay, without your name.
    - Staying in the group's record, under "a member" and your association: { $record } { $record ->
        [one] entry
       *[other] entries
    } (items, notes, decisions, actions, polls, approvals, people added), and your attendance at meetings held.
    - Adopted minutes are not rewritten: they are frozen and signed by their fingerprint, which would no longer match.
    To confirm, write within the hour: `!forget-me confirm`
forget-confirm-first = No erasure request is waiting: first write `!forget-me` (I will say what will be erased), then `!forget-me confirm` within the hour.
forgotten = Done: { $deleted } { $deleted ->
        [one] entry erased
       *[other] entries erased
    }, { $anonymized } { $anonymized ->
        [one] answer kept
       *[other] answers kept
    } without your name in closed results, and your name replaced by your association in { $relabelled } { $relabelled ->
        [one] place
       *[other] places
    } of the record. Adopted minutes are not rewritten: they are frozen and signed by their fingerprint.
subject-known-by-email = Your e-mail sign-up, by room
subject-emails = E-mails sent to you (subject; empty once the text was deleted)
email-person-erased = { $name } ({ $association }), e-mail no. { $number }, asked from their personal page for their data to be erased: they are removed from the list and their answers to what is open are erased (closed results stay, without their name).
web-data-title = Your data
web-data-intro = Here is everything Concerto keeps about you. The same, for a program:
web-data-json = download as JSON
web-data-link = See or erase my data
web-forget-title = Erase my data
web-forget-ask = Your answers to what is open will be erased, and your e-mail sign-up and address too; closed results stay, without your name. You will receive nothing more. This link will stop working.
web-forget-confirm = I want my data erased
web-forget-button = Erase my data
web-forget-done = Done: your data is erased and you will receive no more e-mails from the group.
web-forget-unconfirmed = Tick the box to confirm the erasure.

## !rule: the room's rule for a joint position

rule-label = Rule
rule-unanimity = unanimity
rule-consent = consent
rule-majority = majority of { $needed } { $needed ->
    [one] association
   *[other] associations
}
rule-unanimity-meaning = a position is joint when every association answered and all chose the same option.
rule-consent-meaning = a position is adopted unless an association objects: the associations that answered all chose the same option; an association that had not answered when a poll with a deadline closed counts as not objecting (the results say so).
rule-majority-meaning = a position is joint when at least { $needed } { $needed ->
    [one] association
   *[other] associations
} chose the same option.
rule-current = The room's rule for a joint position: **{ $rule }** — { $meaning }
    A moderator can change it: `!rule unanimity`, `!rule consent` or `!rule majority 3`.
rule-changed = The room's rule for a joint position: **{ $rule }** — { $meaning } It applies to the results of every poll.
rule-majority-too-high = A majority of { $needed } associations is impossible: this room has { $count }. Example: `!rule majority { $count }`
rule-refused = Only a room moderator may change the rule for a joint position.
rule-silent-consent = No answer by the deadline, counted as not objecting: { $associations }.
help-rule-summary = `!rule` — the room's rule for a joint position (unanimity, consent, majority)
help-rule-details =
    `!rule` shows the room's rule. A moderator changes it: `!rule unanimity` (the default: every association answered and all chose the same option), `!rule consent` (adopted unless an association objects; when a poll with a deadline closes, an association that has not answered does not object), `!rule majority 3` (at least 3 associations chose the same option). The rule is shown in the results, the record and the minutes.
help-rule-example = !rule consent
example-rule-majority = !rule majority 3
poll-guest-associations = Guest associations (not counted for the joint position): { $stances }
poll-guest-association-split = split
poll-guest-association-missing = no answer
minutes-approve-guest-association = { $association } is a guest association: it does not approve the minutes. A moderator can make it a member association: `!association member { $association }`
association-list-guest-line = { $association } (guest association: it speaks without counting for the joint position): { $members }
association-now-guest = { $association } is now a **guest association**: its representatives add items and answer polls and dates, but their answers are shown apart and count neither for a joint position, nor for the approval of minutes, nor for the ranking of dates. To undo: `!association member { $association }`
association-now-member = { $association } is a **member association** again: its answers count for the joint position.
association-unknown = I do not know the association “{ $given }” in this room. Known associations: { $known }. Example: `!association guest Emmaüs`
association-standing-refused = Only a room moderator may make an association a guest or a member.
example-association-guest = !association guest Emmaüs
poll-results-hidden = **Poll no. { $number } — results hidden until it closes**: { $question }
    - Associations that answered: { $answered }
    - Awaited: { $awaited }
    - { $count ->
        [0] No answer
        [one] 1 answer
       *[other] { $count } answers
    } in all. The results will be given when it closes: `!poll close { $number }`.
poll-hidden-nobody = none
poll-consent-agree = Agree
poll-consent-concern = Concern
poll-consent-object = Object
poll-joint-objected = **Not adopted: objection from { $associations }.**
poll-reason-too-long = A reason holds { $max } characters at most. Example: `!vote { $number } object the date is too close`
poll-reason-noted = Reason noted: it will be in the results, the record and the minutes.
poll-reason-asked = Why “{ $option }”? Give the reason in one go: `!vote { $number } { $word } <reason>`
poll-reasons = **Reasons for concerns and objections**
poll-reasons-in-words = Reasons: { $reasons }.
poll-mandates-in-words = By proxy: { $associations }.
example-poll-consent = !poll consent We co-sign the op-ed on non-take-up
poll-reason-asked-in-thread = { $pill }, why “{ $option }” on poll no. { $number }? Answer in this thread: your next message here will be noted as the reason.
anonymous-answers = { $count ->
    [one] an anonymous answer
   *[other] { $count } anonymous answers
}

## !proxy: an association's voice given to another

mandate-scope-meeting = the meeting of { $date }
mandate-scope-poll = poll no. { $number }
mandate-line = no. { $number } — { $giver } → { $holder }, for { $scope } (given by { $by })
mandate-line-noted = no. { $number } — { $giver } → { $holder }, for { $scope } (noted by { $by }, moderator)
mandate-given = Proxy recorded: { $line }. { $giver } speaks through its proxy holder: an answer from a representative of { $giver } still comes first. To withdraw it: `!proxy withdraw { $number }`
mandate-unknown-association = I don't know the association “{ $given }” in this room. Member associations: { $known }.
mandate-guest-gives = { $association } is a guest association: it gives no proxy, its voice does not count for a joint position.
mandate-guest-holds = { $association } is a guest association: it cannot hold a proxy.
mandate-no-representative = { $association } has no representative in this room: nobody can give its voice. A moderator can first link a member: `!association set @member:server { $association }`
mandate-to-itself = A proxy goes to another association or to a member of another association, not to { $association } itself.
mandate-holder-full = This holder already carries { $cap ->
    [one] a proxy
   *[other] { $cap } proxies
} (the most allowed): choose another association, or withdraw a proxy first (`!proxies`).
mandate-already-given = This association already gave proxy no. { $number } for this meeting or poll: withdraw it first (`!proxy withdraw { $number }`).
mandate-no-meeting-on = No meeting is planned on { $date } in this room.
mandate-no-next-meeting = No dated meeting is planned: give the proxy for a poll (`poll 3`) or set the date first.
mandate-past-meeting = The meeting of { $date } has passed: a proxy is for a meeting to come.
mandate-poll-closed = Poll no. { $number } is closed: a proxy is for an open poll.
mandate-poll-unknown = There is no poll no. { $number } in this room.
mandate-list-empty = No proxy in force. Example: `!proxy Red Cross to Secours populaire for 12/03`
mandate-list-title = **Proxies in force**
mandate-list-how = To withdraw one: `!proxy withdraw 1`.
mandate-withdrawn = Proxy no. { $number } withdrawn: { $giver } no longer speaks through { $holder }.
mandate-missing = There is no proxy no. { $number } in force.
mandate-closed = Proxy no. { $number } can no longer be withdrawn: its vote is closed.
mandate-by = { $association } (by proxy, { $holder })
mandate-void = Proxy no. { $number } void: { $giver } answered itself (its answer wins over { $holder }'s).
mandate-awaiting = Proxy no. { $number }: { $giver } awaits { $holder }'s answer.
mandate-refused = Only a member of { $owner } or a room moderator can give or withdraw its proxy.
attendance-line-by-mandate = { $association }: represented by proxy ({ $holder })
minutes-letters = **Letters sent**
minutes-letter-line = no. { $number } “{ $title }”, sent on { $date } to { $recipients } — { $status }
minutes-mandates = **Proxies**
help-mandate-summary = `!proxy` — an absent association gives its voice to another for a meeting or a poll
help-mandate-details =
    `!proxy <association> to <association | @member:server> [for <date> | poll <n>]`: a member of the association (or a moderator, who notes it) gives its voice, for the next meeting (that day's polls and the approval of its minutes), for the meeting of a given day, or for one poll. If a representative of the association answers themselves, their answer wins. A holder carries at most one proxy at a time (setting `decisions.max_mandates_per_holder`); a guest association neither gives nor holds one. `!proxies` lists them, `!proxy withdraw 2` withdraws one until the vote closes. Results say “Red Cross (by proxy, Secours populaire)”, attendance “represented by proxy”, the minutes have a “Proxies” section.
help-mandate-example = !proxy Croix-Rouge to Secours populaire for 12/03
example-mandate-withdraw = !proxy withdraw 2
example-mandate-list = !proxies

## !contact: the group's address book

contact-to-check = ⚠ to check
contact-list-title = **Address book** ({ $count ->
    [one] 1 contact
   *[other] { $count } contacts
})
contact-search-title = **Contacts for “{ $words }”** ({ $count } found)
contact-list-how = A contact in full (address included): `!contact 3`. Still right? `!contact confirm 3`.
contact-list-empty = The address book is empty.
contact-search-none = No contact matches “{ $words }” (organisation, name, role or note, accents aside).
contact-title = Contact no. { $number }
contact-name = Name
contact-role = Role
contact-phone = Phone
contact-email = E-mail
contact-note = Note
contact-added = Added
contact-added-by = by { $by }, on { $date }
contact-confirmed = Confirmed on
contact-to-check-how = ⚠ **To check**: nobody has confirmed it for a long time. If it is still right: `!contact confirm { $number }`; otherwise `!contact edit { $number } …` or `!contact remove { $number }`.
contact-added-done = Contact no. { $number } added to the address book: { $line }
contact-changed = Contact no. { $number } changed (and confirmed today): { $line }
contact-confirmed-done = Contact no. { $number } confirmed today: { $line }
contact-removed = Contact no. { $number } removed from the address book: { $organisation } — { $name }.
contact-missing = There is no contact no. { $number } in the address book.
contact-missing-organisation = The organisation is missing, before the dash.
contact-missing-name = The name is missing: the organisation, a dash, then the name and the role separated by a comma.
contact-missing-role = The role is missing, after the name and a comma.
contact-not-a-phone = “{ $given }” is not a phone number (ten digits starting with 0, or + and the country code).
contact-not-an-email = “{ $given }” is not an e-mail address.
contact-twice = A contact has one phone and one address: put the others in the note, after a second dash.
contact-too-long = A part of the contact is { $length } characters long: { $max } at most.
contact-change-refused = Only a member of the association of whoever added contact no. { $number } ({ $owner }) or a room moderator can change or remove it.
contact-reminder-title = **Contacts to check** ({ $count }): are they still right?
contact-reminder-line = no. { $number } — { $organisation } — { $name } (confirmed on { $date }): `!contact confirm { $number }`
help-contact-summary = `!contact` — the group's address book: precise contacts at the CAF, the CPAM, the Préfecture…
help-contact-details =
    `!contact add <organisation> — <name>, <role> [, <phone>] [, <e-mail>] [— <note>]` adds a contact (professional details only). `!contacts [words]` searches the organisation, name, role and note, accents and case aside; addresses are masked there, whole in `!contact <n>`. `!contact edit <n> …` and `!contact remove <n>` (a member of the association of whoever added it, or a moderator); `!contact confirm <n>` says it is still right. A contact nobody confirmed for a year (setting `contacts.confirm_after_days`) is marked “to check”, and the meeting reminder a week before lists them. The group's page has the address book, with its search.
help-contact-example = !contact add CAF 77 — Mme Durand, partners' officer, 01 60 00 00 00, m.durand@caf77.example — urgent RSA cases
example-contact-search = !contacts prefecture
example-contact-show = !contact 3
example-contact-change = !contact edit 3 CAF 77 — Mme Durand, partners' officer, 01 60 00 00 01
example-contact-remove = !contact remove 3
example-contact-confirm = !contact confirm 3
web-letters = Letters
web-letters-none = No joint letter yet. One is opened in the room: `!advocacy new …`.
web-letters-sent = sent on { $date }
web-letters-to = To:
web-letters-pdf = The signed letter (PDF)
web-letters-fingerprint = SHA-256 fingerprint
web-letters-answer = Answer noted on { $date }
web-contacts = Address book
web-contacts-search-label = Find a contact (organisation, name, role, note)
web-contacts-none = No contact matches.
web-contacts-empty = The address book is empty. Contacts are added in the room: `!contact add …`.
web-contacts-confirmed = confirmed on { $date }

## !advocacy: joint letters

letter-status-draft = draft
letter-status-approved = approved
letter-status-sent = sent
letter-status-answered = answer received
letter-status-unanswered = no answer
letter-list-empty = No advocacy letter yet.
letter-list-title = **Advocacy letters**
letter-list-line = no. { $number } — { $title } — { $status }
letter-missing = There is no letter no. { $number }.
letter-nobody = none
letter-approvals = Approved by: { $approved } — awaited: { $awaited }
letter-title = **Letter no. { $number } — { $title }**
letter-status-line = Status: { $status } (version { $version })
letter-from-poll = From poll no. { $poll }
letter-no-recipients = Recipients: none yet
letter-recipients = Recipients: { $recipients }
letter-fingerprint = SHA-256 fingerprint: `{ $fingerprint }`
letter-no-text = No text yet.
letter-how-to-approve = Each association approves it: `!advocacy approve { $number } version { $version }`.
letter-opened = Letter no. { $number } opened: “{ $title }”. Write its text: `!advocacy text { $number } …`, then its recipients: `!advocacy recipients { $number } <name> <address>; …`.
letter-opened-from-poll = Letter no. { $number } opened from poll no. { $poll }: “{ $title }”, joint position “{ $position }” taken as its first text. To complete: `!advocacy text { $number } …`, then `!advocacy recipients { $number } <name> <address>; …`.
letter-position-text =
    { $question }

    Joint position of the associations: { $position }.
letter-no-poll = There is no poll no. { $number }.
letter-poll-without-position = Poll no. { $number } has no joint position: a joint letter starts from a position every association shares.
letter-already-sent = Letter no. { $number } went out already (on { $date }): it no longer changes.
letter-too-long = A letter is { $max } characters at most; this one has { $length }.
letter-text-changed = Text of letter no. { $number } saved (version { $version }).
letter-recipients-set = Recipients of letter no. { $number } saved (version { $version }): { $recipients }.
letter-approvals-withdrawn = The text changed: the approvals of the version before are withdrawn, each association approves again.
letter-recipients-none = No recipient: the name then the address, separated by semicolons.
letter-recipient-incomplete = “{ $given }”: a name then an e-mail address are needed.
letter-recipient-bad-address = “{ $given }” is not an e-mail address.
letter-recipients-too-many = A letter has { $max } recipients at most.
letter-needs-text = Letter no. { $number } has no text yet: a text is what is approved.
letter-needs-recipients = Letter no. { $number } has no recipients yet: an addressed letter is what is approved.
letter-version-changed = Letter no. { $number } changed since version { $seen }: it is at version { $version }. Read it again (`!advocacy { $number }`), then `!advocacy approve { $number } version { $version }`.
letter-already-approved = Letter no. { $number } is approved by every association already.
letter-approve-guest-association = { $association } is a guest association: it does not sign joint letters.
letter-approve-without-association = To approve a letter, you need to represent an association of the room. A moderator can link you: `!association set @you:server Croix-Rouge`
letter-approved-by = { $association } approves letter no. { $number } (version { $version }).
letter-signed-place-date = { $place }, { $date }
letter-signed-date = { $date }
letter-signed-to = **To:** { $recipients }
letter-signatories = **Signed by:**
letter-pdf-name = letter-{ $number }.pdf
letter-pdf-foot = Letter no. { $number } approved on { $date } — SHA-256 fingerprint { $fingerprint }
letter-not-approved = Letter no. { $number } is not approved by every association yet: it goes once all have signed.
letter-no-email = Sending e-mail is not set up for this group (the `[email]` section of the settings): the letter cannot go from here.
letter-sent-decision = “{ $title }” (letter no. { $number }) sent on { $date } to { $recipients }.
letter-sending = Letter no. { $number } goes to { $count ->
    [one] its recipient
   *[other] its { $count } recipients
}, the signed PDF attached; I will say here when it went out. Recorded in the register: decision no. { $decision }.
letter-answer-before-sending = Letter no. { $number } has not been sent yet: an answer is noted after it went.
letter-answer-recorded = Answer no. { $count } to letter no. { $number } noted.
letter-gone-out = ✉️ Letter no. { $number } “{ $title }” went out: { $count ->
    [one] 1 e-mail
   *[other] { $count } e-mails
} ({ $recipients }).
letter-given-up = { $count ->
    [one] 1 e-mail could not go
   *[other] { $count } e-mails could not go
}: check the addresses (`!advocacy { $number }`).
letter-follow-up = { $sender } ✉️ No answer to letter no. { $number } “{ $title }”, sent on { $date } ({ $days } days ago or more). Send a reminder? `!advocacy new Reminder: { $title }`; an answer that came is noted with `!advocacy answer { $number } …`.
letter-sent-on = Sent on { $date }
letter-answer-line = Answer no. { $number } (noted on { $date } by { $by }): { $text }
letter-text-missing = The text of letter no. { $number } is missing: write it after the number, or reply to a Markdown or text file with `!advocacy text { $number }`.
letter-file-unreadable = I cannot read “{ $name }” as a text: send a Markdown (.md) or text (.txt) file in UTF-8, or paste the text after the command.
letter-answer-missing = The answer to letter no. { $number } is missing: write it after the number, or reply to the file received with `!advocacy answer { $number }`.
letter-answer-file = File attached: { $name }
letter-frozen = **Letter no. { $number } approved by { $count ->
    [1] the association
   *[other] the { $count } associations
}**: “{ $title }”. The signed text is frozen, SHA-256 fingerprint: `{ $fingerprint }`. The PDF follows.
help-advocacy-summary = `!advocacy` — joint letters to the institutions, approved by every association
help-advocacy-details =
    `!advocacy new <title>` opens a letter (or `!advocacy new from poll <n>` from a joint position); `!advocacy text <n> <text>` (several lines allowed, or in reply to a .md or .txt file) and `!advocacy recipients <n> <name> <address>; …` write it — each change makes a new version and withdraws the approvals. `!advocacy <n>` shows it, `!plaidoyers` lists them. `!advocacy approve <n> [version <v>]`, once per association: when every one has approved, the letter is frozen with its SHA-256 fingerprint and printed as a PDF, each association named as a signatory. `!advocacy send <n>` e-mails it to each recipient (PDF attached, once) and records it in the register; `!advocacy answer <n> <text>` notes an answer. With no answer after 30 days (setting `advocacy.follow_up_days`), I remind the room once.
help-advocacy-example = !advocacy new Letter to the Prefect on the gymnasiums
example-advocacy-list = !advocacy
example-advocacy-show = !advocacy 2
example-advocacy-text = !advocacy text 2 Dear Prefect, …
example-advocacy-recipients = !advocacy recipients 2 Prefect's office office@prefet77.example; County council presidence@departement77.example
example-advocacy-approve = !advocacy approve 2
example-advocacy-send = !advocacy send 2
example-advocacy-answer = !advocacy answer 2 The Prefect's office will see us on 12 January.
error-title-too-long = A title is { $max } characters at most; this one has { $length }.
help-training-summary = `!training` — the volunteers' shared training sessions: seats, sign-ups, waiting list, sign-in sheet, summary
help-training-details =
    `!training add <title> on <date> [at <place>] [seats <n>] [— <description>]` announces a session, organised by your association; `!trainings` lists the coming ones with the seats left, `!training <n>` shows one with who signed up, by association. Sign up with a ✅ under the announcement, or `!training sign-up <n>` — for yourself, for a member (`@member:server`) or for a volunteer without a Matrix account (`Jean Dupont (Red Cross)`). Beyond the seats, sign-ups wait in order: when someone withdraws (`!training withdraw <n> [who]`), the first person waiting gets the seat and I tell them. The day before at 9:00 am I remind those signed up (and, by e-mail with the .ics, the people who follow by e-mail). `!training cancel <n>` (its author or a moderator) tells everyone signed up. `!training sign-in-sheet <n>` gives the sign-in sheet as a PDF; after the session, `!training attended <n> <who> …` records who came, and `!trainings summary [year]` sums it up per association.
help-training-example = !training add Welcoming exiled people on 14/01 9:30am at Melun seats 12 — with the Cimade
example-training-list = !trainings
example-training-show = !training 2
example-training-sign-up = !training sign-up 2 Jean Dupont (Red Cross)
example-training-withdraw = !training withdraw 2
example-training-cancel = !training cancel 2
example-training-sheet = !training sign-in-sheet 2
example-training-attended = !training attended 2 @alice:example.org Jean Dupont (Red Cross)
example-training-summary = !trainings summary 2026
error-expected-year = “{ $given }” is not a year. Example: `{ $example }`
training-whole-day = { $day } (all day)
training-name = training { $number } { $title }
training-title = Training { $number } —
training-organised-by = organised by { $association }
training-signed-up-count = { $count ->
    [0] nobody signed up yet
    [one] 1 signed up
   *[other] { $count } signed up
}
training-seats = { $left ->
    [0] full ({ $seats } seats){ $waiting ->
        [0] {""}
       *[other] , { $waiting } waiting
    }
    [one] 1 seat left of { $seats }
   *[other] { $left } seats left of { $seats }
}
training-seats-new = { $seats } seats: beyond them, sign-ups go on a waiting list, in order.
training-how-to-sign-up = To sign up: ✅ under this message, or `!training sign-up { $number }`. For a volunteer without an account: `!training sign-up { $number } Jean Dupont (Red Cross)`.
training-list-empty = No training session to come.
training-list-title = **Training sessions to come ({ $count })**
training-list-how = `!training <n>` shows who signed up; `!training sign-up <n>` or ✅ under the announcement to sign up.
training-is-cancelled = ❌ **Cancelled.**
training-nobody-yet = Nobody has signed up yet: ✅ under the announcement, or `!training sign-up { $number }`.
training-waiting-title = **Waiting list**, in order:
training-signed-up = ✅ { $who }: signed up for { $training }. { $left ->
    [-1] {""}
    [0] That was the last seat.
    [one] 1 seat left.
   *[other] { $left } seats left.
}
training-waiting = ⏳ { $training } is full: { $who } is on the waiting list, number { $rank }. I will tell them if a seat frees up.
training-withdrawn = { $who } is no longer signed up for { $training }.
training-moved-up = { $pill }: a seat freed up, you are signed up for { $training }, { $when }.
training-moved-up-for = { $pill }: a seat freed up for { $who } at { $training }, { $when } — please tell them.
training-cancelled = ❌ { $training }, planned for { $when }, is **cancelled**.
training-reminder = ⏰ Reminder: { $training } is tomorrow — { $when }.
training-place = Place
training-date = Date
training-organiser = Organised by
training-volunteers = Volunteers signed up without an account
training-missing-title = The session's title is missing, before the date.
training-missing-date = The session's date is missing (“on 14/01 9:30am”).
training-bad-date = I could not read the session's date.
training-in-past = That date has passed: a session is announced before it takes place.
training-no-seats = A session has at least one seat (or no limit: leave `seats` out).
training-bad-seats = “{ $given }” is not a number of seats.
training-title-too-long = A title is { $max } characters at most; this one has { $length }.
training-place-too-long = A place is { $max } characters at most; this one has { $length }.
training-description-too-long = A description is { $max } characters at most; this one has { $length }.
training-bad-member = “{ $given }” is not a full Matrix id (`@name:server`).
training-missing-name = The name is missing, before the association in brackets.
training-name-too-long = A name is { $max } characters at most; this one has { $length }.
training-missing = There is no training session no. { $number }.
training-refused-cancelled = This session is cancelled.
training-refused-begun = This session has begun: sign-ups are closed.
training-refused-not-begun = This session has not taken place yet: who came is recorded on the day or after.
training-already-signed-up = { $who } is already signed up for this session.
training-not-signed-up = { $who } is not signed up for this session.
training-no-association = Say which association this person belongs to, in brackets (your own association is not known: `!association`).
training-unknown-association = No association of the room is called “{ $given }”.
training-full = This session already has { $max } people signed up or waiting: that is the most.
training-one-person = One person at a time here.
training-attended = { $count ->
    [0] Nobody is recorded as having come to { $training }.
    [one] 1 person recorded as having come to { $training }: { $people }.
   *[other] { $count } people recorded as having come to { $training }: { $people }.
}
training-attended-added = Not signed up but came, added: { $people }.
training-sheet-sent = The sign-in sheet of { $training } ({ $count } people) follows, as a PDF.
training-sheet-file = sign-in-sheet-{ $day }-training-{ $number }.pdf
training-sheet-title = Sign-in sheet — { $title }
training-sheet-name = Name
training-sheet-association = Association
training-sheet-signature = Signature
training-sheet-status = Sign-in sheet — to be signed by each participant
training-summary-empty = No training session in { $year }.
training-summary-title = **Training summary { $year }**
training-summary-line = { $organised ->
    [0] no session organised
    [one] 1 session organised
   *[other] { $organised } sessions organised
}, { $trained ->
    [0] nobody trained
    [one] 1 person trained
   *[other] { $trained } people trained
} ({ $attendances ->
    [one] 1 attendance
   *[other] { $attendances } attendances
})
training-summary-how = A person counts as trained once `!training attended` recorded them.
email-training-reminder-subject = Reminder: { $title }, tomorrow
email-training-reminder-intro = The training session “{ $title }” takes place tomorrow, { $when }.
email-training-cancelled-subject = Cancelled: { $title }
email-training-cancelled-intro = The training session “{ $title }”, planned for { $when }, is cancelled.
email-training-calendar = The invitation is attached for your calendar.
training-cancel-refused = Only the person who announced training session no. { $number } ({ $author }) or a room moderator may cancel it.
training-withdraw-refused = Only whoever signed them up, a member of their association ({ $owner }) or a room moderator may withdraw someone else from training session no. { $number }.
training-no-organiser = I do not know which association you belong to: it is the one that organises the session. A moderator can link you with `!association <name> @you:server`.
training-member-without-association = { $who } is linked to no association of the room (`!association <name> @member:server`).
training-calendar-file = training-{ $number }.ics
training-anonymous = a person (anonymized)
privacy-kept-trainings = Sign-ups to training sessions (a member, or the name and association of a volunteer noted by a member): { $days } days after the session; then the sign-up stays, for its association, without a name.
subject-trainings = Training sign-ups (yours, and those you made)
register-data-trainings = Training sessions: who signed up (a member, or the name and association of a volunteer without an account), who came.
web-trainings = Trainings
web-trainings-coming = To come
web-trainings-past = Past
web-trainings-none = None.
web-trainings-seats = { $seats ->
    [-1] { $seated } signed up
   *[other] { $seated } signed up of { $seats } seats{ $waiting ->
        [0] {""}
       *[other] , { $waiting } waiting
    }
}
web-trainings-waiting = Waiting list, in order:
web-trainings-cancelled = cancelled
web-trainings-came = { $count ->
    [0] Nobody is recorded as having come.
   *[other] Came ({ $count }): { $people }
}
web-trainings-summary = Summary { $year }
web-trainings-organised = Sessions organised
web-trainings-trained = People trained
web-trainings-attendances = Attendances
export-trainings-header = number,title,date,place,organiser,seats,cancelled,person,association,waiting,came
export-yes = yes
export-no = no
help-group-summary = `!group` — working groups, each in its own room, reporting to the plenary room
help-group-details =
    `!group create <name> [until <date>] [@member …]` creates an encrypted room named after the group and invites the members named (and you); in a Matrix space when the plenary room is in one and I may add the room there. Others join with `!group join <name>` here. In the group's room, the agenda, notes, actions, decisions, reminders and minutes work as here, numbered on their own, with this room's associations. What the group decides are proposals: `!group report` (in its room) posts here its decisions and open actions since its last report, and `!decision adopt proposal 2 of group <name>` adopts one. `!groups` lists them. On the end date I ask here once whether to close it (`!group close <name>`) or extend it (`!group extend <name> until <date>`); a closed group keeps its room, where I no longer answer. An existing room: invite me, say `!group attach <name>` there, then a moderator here confirms with the same command here.
help-group-example = !group create Non-take-up until 30/06/2027 @alice:example.org
example-group-list = !groups
example-group-join = !group join Non-take-up
example-group-report = !group report
example-group-close = !group close Non-take-up
example-group-extend = !group extend Non-take-up until 31/12/2027
example-group-attach = !group attach Non-take-up
group-until = until { $day }
group-until-part = {" "}({ $until })
group-created = Working group { $name } created{ $until }: I am creating its encrypted room and inviting { $people }. Its room: { $link } — others join with `!group join { $plain }`.
group-welcome = The room of working group { $name }{ $until }. Here the agenda, notes, actions, decisions, reminders and minutes work as in the plenary room (`!help`), numbered on their own. What the group decides are proposals: `!group report` posts them to the plenary room.
group-list-empty = No working group.
group-list-title = **Working groups ({ $count })**
group-last-report = last report on { $date }
group-no-report = no report yet
group-closed-on = closed on { $date }
group-list-how = `!group join <name>` to enter one; `!group report` in a group's room posts its report here.
group-report-title = **Report of group { $name }** (first report)
group-report-title-since = **Report of group { $name }** (since { $date })
group-report-no-proposal = No new proposal.
group-report-proposals = **Proposals** (the group's decisions):
group-report-adopt = To adopt one: `!decision adopt proposal { $number } of group { $plain }`.
group-report-no-action = No open action.
group-report-actions = **Open actions**:
group-report-sent = Report posted to the plenary room ({ $count ->
    [0] no proposal
    [one] 1 proposal
   *[other] { $count } proposals
}).
group-end-question = { $pill }: group { $name } reaches its end date. To close it: `!group close { $plain }`; to extend it: `!group extend { $plain } until <date>`.
group-closed = Group { $name } is closed. Its room stays, where I no longer answer; its record stays on the plenary room's page.
group-closed-here = Group { $name } is closed: this room stays, but I no longer answer here. Its record is on the plenary room's page.
group-extended = Group { $name } is extended { $until }.
group-invited = Invitation sent to { $who } in the room of group { $name }.
group-attach-asked = Noted: this room becomes working group “{ $plain }” once a moderator of the plenary room confirms it there with `!group attach { $plain }`.
group-attached = The room is attached: it is now working group { $name }.
group-attached-here = The plenary room confirmed: this room is working group { $name }. Its decisions are proposals: `!group report` posts them there.
group-missing-name = The group's name is missing.
group-name-too-long = A group's name is { $max } characters at most; this one has { $length }.
group-too-many-members = { $count } members named: { $max } at most; the others join with `!group join`.
group-name-taken = There is already a group “{ $plain }” here: choose another name.
group-unknown = There is no group “{ $plain }” here (`!groups` lists them).
group-is-closed = Group “{ $plain }” is closed.
group-bad-until = “{ $typed }” is not a day to come.
group-missing-until = The new end date is missing (“until 31/12/2027”).
group-not-in-group = This command is said in a working group's room.
group-in-group = A group is created from the plenary room, not from a group's room.
group-awaiting-confirmation = This room waits for the plenary room to confirm it (a moderator there: `!group attach <name>`).
group-no-attach-request = No room asked to become group “{ $plain }”: say `!group attach { $plain }` in that room first (after inviting me).
group-already-attached = This room is already a working group.
group-proposal-missing = Group “{ $plain }” has no proposal no. { $number }.
group-proposal-adopted = Proposal no. { $number } of group “{ $plain }” is adopted already.
group-confirm-refused = Only a moderator of the plenary room may attach a room as a working group.
web-groups = Groups
web-groups-none = No working group.
web-groups-open = ongoing
web-groups-proposals = Proposals
web-groups-adopted = adopted

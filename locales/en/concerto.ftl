# Concerto — English texts.
# Commands are written between `backticks`: the room shows them as code.

welcome =
    Hello! I am **Concerto**, the coordination group's assistant.
    I keep the agenda, help choose meeting dates and keep track of decisions.
    Type `!help` to see what I can do.

help-title = **What I can do**
help-footer = For the details of a command, with an example: `!help <command>`, for instance `!help language`.
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

## Agenda

help-agenda-summary = `!agenda` (or `!odj`) — the next meeting's agenda: add, show, remove, reorder items
help-agenda-details =
    - `!agenda`: show the next meeting's agenda
    - `!agenda add <text>`: add an item (500 characters at most)
    - `!agenda urgent <text>`: add an urgent item, listed first
    - `!agenda remove <n>`: remove item n (its author or a room moderator)
    - `!agenda done <n>`: mark item n as treated
    - `!agenda move <n> <position>`: move item n
    Untreated items of a meeting move on to the next one by themselves. To correct an item, just edit your `!agenda add` message.
help-agenda-example = !agenda add 2027 budget of the food banks
example-agenda-list = !agenda
example-agenda-urgent = !agenda urgent Closure of the Melun premises
example-agenda-remove = !agenda remove 2
example-agenda-done = !agenda done 2
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
agenda-done = Item { $number } marked as treated: “{ $text }”
agenda-already-done = Item { $number } was already marked as treated.
agenda-moved = The item “{ $text }” is now number { $to }.
agenda-edited = Item { $number } updated: “{ $text }”

error-no-such-item = There is no item { $number }: the agenda has { $count }. Type `!agenda` to see it.
error-no-such-item-empty = There is no item { $number }: the agenda is empty. To add an item: `!agenda add <text>`
error-impossible-position = Item { $number } can only go between positions { $lowest } and { $highest } (urgent items stay on top). Example: `!agenda move { $number } { $lowest }`
error-empty-item = The item's text is missing. Example: `{ $example }`
error-item-too-long = This item has { $length } characters, { $max } at most. Sum it up in one sentence and put the details in a separate message.
error-expected-number = “{ $given }” is not an item number. Example: `{ $example }`
error-missing-number = The item number (as in the `!agenda` list) is missing. Example: `{ $example }`
error-unknown-agenda-action = I don't know `!agenda { $given }`. Possible: `add`, `urgent`, `remove`, `done`, `move`, or `!agenda` alone to see the list. Example: `!agenda add 2027 budget`

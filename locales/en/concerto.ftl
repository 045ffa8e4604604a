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

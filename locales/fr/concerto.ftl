# Concerto — textes en français (langue par défaut).
# Les commandes s'écrivent entre `accents graves` : le salon les affiche comme du code.

welcome =
    Bonjour ! Je suis **Concerto**, l'assistant de la concertation.
    Je tiens l'ordre du jour, aide à choisir les dates de réunion et garde la trace des décisions.
    Tapez `!aide` pour voir ce que je sais faire.

help-title = **Ce que je sais faire**
help-footer = Pour le détail d'une commande, avec un exemple : `!aide <commande>`, par exemple `!aide langue`.
help-example = Exemple :

help-help-summary = `!aide` — la liste des commandes ; `!aide <commande>` — le détail d'une commande
help-help-details =
    `!aide` affiche la liste des commandes ; `!aide <commande>` explique une commande, avec un exemple.
    Les commandes marchent aussi sous leur nom anglais (`!help`).
help-help-example = !aide langue

help-language-summary = `!langue` — la langue de mes réponses dans ce salon (`fr` ou `en`)
help-language-details =
    `!langue` affiche la langue de ce salon ; `!langue en` me fait répondre en anglais, `!langue fr` en français.
    Le choix vaut pour tout le salon.
help-language-example = !langue en

language-current = Dans ce salon, je réponds en français. Pour passer à l'anglais : `!langue en`
language-changed = C'est noté : je réponds désormais en français dans ce salon.

error-unknown-command = Je ne connais pas la commande `!{ $name }`. Tapez `!aide` pour voir la liste des commandes.
error-unknown-command-suggestion = Je ne connais pas la commande `!{ $name }` : vouliez-vous dire `!{ $suggestion }` ? Tapez `!aide` pour voir la liste des commandes.
error-unknown-help-topic = Je n'ai pas d'aide sur « { $given } ». Tapez `!aide` pour voir la liste des commandes.
error-unknown-language = Je ne parle pas « { $given } ». Langues possibles : `fr` (français) et `en` (anglais). Exemple : `!langue en`
error-unexpected-words = Je n'ai pas compris la fin de la commande : « { $extra } ». Exemple de la bonne forme : `{ $example }`
error-internal = Désolé, un problème de mon côté m'empêche de traiter cette commande ; rien n'a été enregistré. Réessayez dans un instant.

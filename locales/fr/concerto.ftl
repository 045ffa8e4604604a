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

## Ordre du jour

help-agenda-summary = `!agenda` (ou `!odj`) — l'ordre du jour de la prochaine réunion : ajouter, voir, retirer, réordonner
help-agenda-details =
    - `!agenda` : voir l'ordre du jour de la prochaine réunion
    - `!agenda ajouter <texte>` : ajouter un point (500 caractères au plus)
    - `!agenda urgent <texte>` : ajouter un point urgent, placé en tête
    - `!agenda retirer <n>` : retirer le point n (son auteur ou un modérateur du salon)
    - `!agenda traité <n>` : marquer le point n comme traité
    - `!agenda déplacer <n> <position>` : déplacer le point n
    Les points non traités d'une réunion passent d'eux-mêmes à la suivante. Pour corriger un point, modifiez simplement votre message `!agenda ajouter`.
help-agenda-example = !agenda ajouter Budget 2027 des épiceries solidaires
example-agenda-list = !agenda
example-agenda-urgent = !agenda urgent Fermeture du local de Melun
example-agenda-remove = !agenda retirer 2
example-agenda-done = !agenda traité 2
example-agenda-move = !agenda déplacer 3 1

agenda-meeting-unscheduled = la prochaine réunion (date pas encore fixée)
agenda-meeting-scheduled = la réunion du { $date }
agenda-meeting-scheduled-at = la réunion du { $date } ({ $place })
agenda-title = **Ordre du jour de { $meeting }**
agenda-empty = L'ordre du jour de { $meeting } est vide. Pour ajouter un point : `!agenda ajouter <texte>`
agenda-item-urgent = **urgent**
agenda-item-by = ajouté par { $author }
agenda-item-treated = ✅ traité
agenda-item-carried = reporté du { $date }
agenda-added = Point n° { $number } ajouté à l'ordre du jour de { $meeting } : « { $text } »
agenda-added-urgent = Point urgent n° { $number } ajouté en tête de l'ordre du jour de { $meeting } : « { $text } »
agenda-removed = Point n° { $number } retiré de l'ordre du jour : « { $text } »
agenda-remove-refused = Seule la personne qui a ajouté ce point ({ $author }) ou un modérateur du salon peut le retirer.
agenda-done = Point n° { $number } marqué comme traité : « { $text } »
agenda-already-done = Le point n° { $number } était déjà marqué comme traité.
agenda-moved = Le point « { $text } » est maintenant le n° { $to }.
agenda-edited = Point n° { $number } modifié : « { $text } »

error-no-such-item = Il n'y a pas de point n° { $number } : l'ordre du jour en compte { $count }. Tapez `!agenda` pour le voir.
error-no-such-item-empty = Il n'y a pas de point n° { $number } : l'ordre du jour est vide. Pour ajouter un point : `!agenda ajouter <texte>`
error-impossible-position = Le point n° { $number } ne peut aller qu'entre les positions { $lowest } et { $highest } (les points urgents restent en tête). Exemple : `!agenda déplacer { $number } { $lowest }`
error-empty-item = Il manque le texte du point. Exemple : `{ $example }`
error-item-too-long = Ce point fait { $length } caractères, { $max } au plus. Résumez-le en une phrase et mettez les détails dans un message à part.
error-expected-number = « { $given } » n'est pas un numéro de point. Exemple : `{ $example }`
error-missing-number = Il manque le numéro du point (celui de la liste `!agenda`). Exemple : `{ $example }`
error-unknown-agenda-action = Je ne connais pas `!agenda { $given }`. Possible : `ajouter`, `urgent`, `retirer`, `traité`, `déplacer`, ou `!agenda` seul pour voir la liste. Exemple : `!agenda ajouter Budget 2027`

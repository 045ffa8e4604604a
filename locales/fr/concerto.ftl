# Concerto — textes en français (langue par défaut).
# Les commandes s'écrivent entre `accents graves` : le salon les affiche comme du code.

welcome =
    Bonjour ! Je suis **Concerto**, l'assistant de la concertation.
    Je tiens l'ordre du jour, aide à choisir les dates de réunion et garde la trace des décisions.
    Tapez `!aide` pour voir ce que je sais faire.

help-title = **Ce que je sais faire**
help-footer = Pour le détail d'une commande, avec un exemple : `!aide <commande>`, par exemple `!aide langue`. On peut aussi m'appeler par mon nom, sans `!` : « Concerto : agenda ajouter Budget FEAD » (ou en me mentionnant).
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
error-set-aside = Je n'ai pas pu traiter ce message ; l'erreur est notée et rien n'a été enregistré. Inutile de le renvoyer tel quel : reformulez-le (voir `!aide`), ou signalez-le à la personne qui s'occupe du bot.
cap-reached = { $kind ->
        [agenda] L'ordre du jour a déjà { $limit } points à traiter, le plus qu'une salle peut en avoir : marquez-en comme traités (`!agenda traité 2`) ou retirez-en (`!agenda retirer 2`) avant d'en ajouter.
        [guests] Cette réunion a déjà { $limit } invités, le plus qu'elle peut en avoir : retirez-en un (`!invité retirer 1`) avant d'en ajouter.
        [email] Cette salle connaît déjà { $limit } personnes par courriel, le plus qu'elle peut en connaître : retirez-en une (`!courriel retirer 1`) avant d'en ajouter.
        [reminders] Cette salle a déjà { $limit } rappels en attente, le plus qu'elle peut en avoir : annulez-en un (`!rappels annuler 2`) avant d'en créer.
       *[actions] Cette salle a déjà { $limit } actions en cours, le plus qu'elle peut en avoir : marquez-en comme faites (`!action fait 2`) avant d'en créer.
    }
error-unreadable = Je n'ai pas pu lire votre message chiffré : la clé qui l'ouvre ne m'a pas été partagée (votre application ne l'a pas encore envoyée à mon appareil, ou elle ne partage ses clés qu'avec les appareils vérifiés). Renvoyez-le ; si cela se reproduit, vérifiez dans votre application que l'appareil de Concerto n'est pas bloqué ni ignoré. Si la clé arrive, je traiterai aussi ce message.
unreadable-answers = ⏳ { $count ->
        [one] Une réponse n'a pas encore pu être lue
       *[other] { $count } réponses n'ont pas encore pu être lues
    } : { $count ->
        [one] elle est chiffrée
       *[other] elles sont chiffrées
    } et la clé ne m'est pas encore parvenue. { $count ->
        [one] Elle comptera
       *[other] Elles compteront
    } dès que je pourrai { $count ->
        [one] la
       *[other] les
    } lire.
unreadable-answers-closed = ⏳ { $count ->
        [one] Une réponse n'a pas pu être lue à temps (chiffrée, sa clé ne m'est pas parvenue) : elle n'est pas comptée.
       *[other] { $count } réponses n'ont pas pu être lues à temps (chiffrées, leur clé ne m'est pas parvenue) : elles ne sont pas comptées.
    }
error-slow-down = Doucement : j'ai reçu beaucoup de commandes de votre part en une minute. Je reprends dans un instant ; renvoyez ensuite celles restées sans réponse.

## Ordre du jour

help-agenda-summary = `!agenda` (ou `!odj`) — l'ordre du jour de la prochaine réunion : ajouter, voir, retirer, réordonner
help-agenda-details =
    - `!agenda` : voir l'ordre du jour de la prochaine réunion
    - `!agenda ajouter <texte>` : ajouter un point (500 caractères au plus)
    - `!agenda urgent <texte>` : ajouter un point urgent, placé en tête
    - `!agenda retirer <n>` : retirer le point n (son auteur ou un modérateur du salon)
    - `!agenda traité <n>` : marquer le point n comme traité
    - `!agenda déplacer <n> <position>` : déplacer le point n
    - `!agenda note <n> <texte>` : noter ce qui a été dit ou convenu sur le point n (plusieurs notes par point, chacune avec son auteur ; elles figurent sous le point et dans le compte rendu)

    Les points non traités d'une réunion passent d'eux-mêmes à la suivante. Pour corriger un point, modifiez simplement votre message `!agenda ajouter`.
help-agenda-example = !agenda ajouter Budget 2027 des épiceries solidaires
example-agenda-list = !agenda
example-agenda-urgent = !agenda urgent Fermeture du local de Melun
example-agenda-remove = !agenda retirer 2
example-agenda-done = !agenda traité 2
example-agenda-note = !agenda note 2 Accord pour écrire au Préfet ; Marie rédige
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
agenda-noted = Note ajoutée au point n° { $number } (« { $text } ») : « { $note } »
agenda-done = Point n° { $number } marqué comme traité : « { $text } »
agenda-already-done = Le point n° { $number } était déjà marqué comme traité.
agenda-moved = Le point « { $text } » est maintenant le n° { $to }.
agenda-edited = Point n° { $number } modifié : « { $text } »

error-no-such-item = Il n'y a pas de point n° { $number } : l'ordre du jour en compte { $count }. Tapez `!agenda` pour le voir.
error-no-such-item-empty = Il n'y a pas de point n° { $number } : l'ordre du jour est vide. Pour ajouter un point : `!agenda ajouter <texte>`
error-impossible-position = Le point n° { $number } ne peut aller qu'entre les positions { $lowest } et { $highest } (les points urgents restent en tête). Exemple : `!agenda déplacer { $number } { $lowest }`
error-empty-item = Il manque le texte du point. Exemple : `{ $example }`
error-note-too-long = Cette note fait { $length } caractères, { $max } au plus. Coupez-la en plusieurs notes sur le même point.
error-guest-too-long = Ce nom ou ce sujet fait { $length } caractères, { $max } au plus. Exemple : `!invité ajouter Mme Martin (ADSEA) — jeunes migrants isolés`
error-item-too-long = Ce point fait { $length } caractères, { $max } au plus. Résumez-le en une phrase et mettez les détails dans un message à part.
error-place-too-long = Ce lieu fait { $length } caractères, { $max } au plus. Donnez l'adresse en une ligne, par exemple : `{ $example }`
error-expected-number = « { $given } » n'est pas un numéro de point. Exemple : `{ $example }`
error-missing-number = Il manque le numéro du point (celui de la liste `!agenda`). Exemple : `{ $example }`
error-unknown-agenda-action = Je ne connais pas `!agenda { $given }`. Possible : `ajouter`, `urgent`, `retirer`, `traité`, `déplacer`, `note`, ou `!agenda` seul pour voir la liste. Exemple : `!agenda ajouter Budget 2027`

## Réunions

help-meeting-summary = `!réunion` — la prochaine réunion : proposer des dates, voter, fixer la date, l'hôte et le lieu, le rythme
help-meeting-details =
    - `!réunion` : la prochaine réunion (date, lieu, hôte, nombre de points à l'ordre du jour)
    - `!réunion proposer <date> ; <date> ; …` : proposer de 2 à 10 dates ; chacun vote en réagissant avec le numéro de chaque date où il peut venir (retirer sa réaction retire son vote)
    - `!réunion votes` : qui peut venir à chaque date, et quelles associations sont représentées (« si nécessaire » à part)
    - `!réunion dispo <n> [peut-être]` : je peux venir à la date n (seulement si nécessaire avec `peut-être`, comme 🤷 puis le numéro sous la proposition) ; les dates où chaque association vient sans réserve passent en premier
    - `!réunion clore [n]` : fixer la date n, ou la mieux placée (celui qui a proposé, ou un modérateur) ; j'envoie alors une invitation .ics à ajouter à son agenda
    - `!réunion annuler` : annuler la prochaine réunion ou la proposition en cours (`!réunion annuler réunion` / `!réunion annuler proposition` quand il y a les deux)
    - `!réunion hôte <association>`, `!réunion hôte ordre <a>, <b>, …`, `!réunion lieu <adresse>`
    - `!réunion rythme trimestriel|bimestriel|mensuel|aucun` : le rythme du groupe ; trois semaines avant l'échéance (la dernière réunion + la période), s'il n'y a ni réunion fixée ni proposition, je propose moi-même quatre dates (le jour et l'heure de la dernière réunion, jamais un jour férié) et tout membre peut clore

    Dates possibles : `2026-12-10 14:00`, `10/12/2026 14h`, `10/12 14h30`, `jeudi 10/12 14h`, `mardi 18h`, `10 décembre 14h`. Une date un jour férié est acceptée, marquée « ⚠ férié ».
help-meeting-example = !réunion proposer 10/12 14h ; mardi 18h
example-meeting-votes = !réunion votes
example-meeting-close = !réunion clore 2
example-meeting-cancel = !réunion annuler
example-meeting-host = !réunion hôte Croix-Rouge
example-meeting-host-order = !réunion hôte ordre Restos du Cœur, Croix-Rouge, Secours Catholique, Secours populaire
example-meeting-place = !réunion lieu Salle paroissiale, 3 rue de la Paix, Melun

help-association-summary = `!associations` — qui représente quelle association dans ce salon
help-association-details =
    - `!associations` : les membres du salon par association, et les invités
    - `!association set <@membre:serveur> <association>` : rattacher un membre à une association (modérateurs) ; `aucune` pour en faire un invité
help-association-example = !association set @marie:exemple.fr Secours populaire

meeting-none = Aucune réunion n'est fixée. Pour proposer des dates : `!réunion proposer 10/12 14h ; mardi 18h`
meeting-unscheduled = La prochaine réunion n'a pas encore de date ({ $items ->
        [one] { $items } point
       *[other] { $items } points
    } à l'ordre du jour).
meeting-next = **Prochaine réunion : { $date }**
meeting-place = Lieu : { $place }
meeting-place-unknown = Lieu : à préciser (`!réunion lieu <adresse>`)
meeting-host = Accueil : { $host }
meeting-host-unknown = Accueil : à préciser (`!réunion hôte <association>`)
meeting-items = Ordre du jour : { $items ->
        [one] { $items } point
       *[other] { $items } points
    } (`!agenda`)
meeting-open-proposal = Une proposition de dates est ouverte : `!réunion votes` pour voir les votes.
meeting-proposal = **Proposition de dates** de { $proposer } pour la prochaine réunion. Réagissez avec le numéro de chaque date où vous pouvez venir (retirez la réaction pour retirer votre vote) :
meeting-proposal-footer = Pour voir les votes : `!réunion votes`. Pour fixer la date : `!réunion clore`.
meeting-proposal-if-need-be = Si vous ne pouvez venir à une date qu'en cas de nécessité : 🤷 puis son numéro, ou `!réunion dispo 2 peut-être`. Les dates où chaque association vient sans réserve passent en premier.
meeting-votes-if-need-be = Si nécessaire seulement : { $names }
meeting-votes-reserved = (si nécessaire : { $associations })
meeting-scheduled-if-need-be = Si nécessaire seulement : { $associations } (elles ont dit ne venir à cette date qu'en cas de nécessité).
meeting-available = C'est noté : vous pouvez venir le { $date }. Pour retirer votre réponse, supprimez ce message.
meeting-available-if-need-be = C'est noté : le { $date }, vous pouvez venir **si nécessaire** seulement. Pour retirer votre réponse, supprimez ce message.
meeting-available-closed = Aucune proposition de dates n'est ouverte : la date est déjà fixée, ou aucune n'a été proposée. Pour dire si vous venez à la réunion fixée : `!présence oui`. Pour proposer des dates : `!réunion proposer 10/12 14h ; mardi 18h`
meeting-available-closed-if-need-be = « Si nécessaire » se dit sur une proposition de dates ouverte, et aucune ne l'est : la date est déjà fixée, ou aucune n'a été proposée. Pour dire si vous venez à la réunion fixée : `!présence oui`. Exemple, sur une proposition ouverte : `!réunion dispo 2 peut-être`
meeting-available-no-such-option = Il n'y a pas de date n° { $number } : la proposition en compte { $count }. Exemple : `!réunion dispo 1 peut-être`
example-meeting-available = !réunion dispo 2 peut-être
meeting-holiday-mark = ⚠ férié
meeting-proposal-open = Une proposition de dates est déjà ouverte. Voyez les votes avec `!réunion votes`, puis fixez la date avec `!réunion clore` ou annulez-la avec `!réunion annuler`.
meeting-no-proposal = Aucune proposition de dates n'est ouverte. Pour en faire une : `!réunion proposer 10/12 14h ; mardi 18h`
meeting-votes-title = **Votes pour la prochaine réunion** (du mieux placé au moins bien placé)
meeting-votes-line = { $key } { $date } — { $people ->
        [one] { $people } personne
       *[other] { $people } personnes
    }, { $covered ->
        [one] { $covered } association
       *[other] { $covered } associations
    } sur { $total }
meeting-votes-line-people = { $key } { $date } — { $people ->
        [one] { $people } personne
       *[other] { $people } personnes
    }
meeting-votes-who = Peuvent venir : { $names }
meeting-votes-nobody = Personne pour l'instant.
meeting-votes-missing = Manque : { $missing }
meeting-votes-all-covered = ✅ toutes les associations
meeting-votes-summary-all = Toutes les associations sont représentées : { $options }.
meeting-votes-summary-none = Aucune date ne réunit encore toutes les associations.
meeting-close-refused = Seule la personne qui a proposé ces dates ({ $proposer }) ou un modérateur du salon peut fixer la date.
meeting-close-tie = Plusieurs dates sont à égalité : { $options }. Choisissez avec `!réunion clore <n>`, par exemple `!réunion clore { $first }`.
meeting-close-past = La date { $number } ({ $date }) est déjà passée. Choisissez-en une autre (`!réunion clore 2`) ou proposez de nouvelles dates : annulez avec `!réunion annuler`, puis `!réunion proposer 10/12 14h ; mardi 18h`.
meeting-close-no-such-option = Il n'y a pas de date n° { $number } : la proposition en compte { $count }. Exemple : `!réunion clore 1`
meeting-scheduled-attendance = Venez-vous ? Répondez par ✅ (je viens) ou ❌ (excusé·e) sous ce message, ou `!présence oui` / `!présence non`. `!présence` montre qui vient, par association.
meeting-scheduled = **Réunion fixée : { $date }.**
meeting-scheduled-host = Accueil : { $host }.
meeting-scheduled-invitation = Voici l'invitation à ajouter à votre agenda.
meeting-cancel-refused = Seule la personne qui a proposé cette date ({ $proposer }) ou un modérateur du salon peut annuler la réunion.
meeting-proposal-cancel-refused = Seule la personne qui a proposé ces dates ({ $proposer }) ou un modérateur du salon peut annuler la proposition.
meeting-cancelled = La réunion du { $date } est annulée. Ses points d'ordre du jour attendent la prochaine date.
meeting-invitation-cancelled = Les agendas qui ont reçu l'invitation la retirent avec le fichier ci-dessous.
meeting-proposal-cancelled = La proposition de dates est annulée.
meeting-no-dated-meeting-but-proposal = Aucune réunion n'est fixée. Pour annuler la proposition de dates en cours : `!réunion annuler proposition`
meeting-cancel-which = Une réunion est fixée ({ $date }) et une proposition de dates est ouverte. Laquelle annuler ? `!réunion annuler réunion` ou `!réunion annuler proposition`
meeting-nothing-to-cancel = Il n'y a ni réunion fixée ni proposition de dates à annuler.
meeting-host-set = C'est noté : { $host } accueillera la prochaine réunion.
meeting-host-unknown-association = Je ne connais pas l'association « { $given } » dans ce salon. Associations connues : { $known }. Exemple : `!réunion hôte { $first }`
meeting-host-order-set = Ordre d'accueil des réunions : { $order }.
meeting-place-set = C'est noté : la prochaine réunion aura lieu à { $place }.
meeting-invitation-updated = Voici l'invitation mise à jour pour votre agenda.
meeting-summary = Réunion de concertation
meeting-calendar-agenda = Ordre du jour :
meeting-calendar-file = reunion-concertation.ics

association-list-title = **Associations de ce salon**
association-list-none = Aucune association n'est encore connue dans ce salon. Un modérateur peut y rattacher des membres : `!association set @marie:exemple.fr Secours populaire`
association-list-line = { $association } : { $members }
association-list-nobody = personne pour l'instant
association-list-guests = Invités (sans association) : { $members }
association-set = C'est noté : { $user } représente { $association }.
association-unset = C'est noté : { $user } n'est rattaché(e) à aucune association (invité).
association-set-refused = Seul un modérateur du salon peut rattacher un membre à une association.

error-date = La date n° { $number } (« { $given } ») { $problem } Exemple de date : `10/12 14h`
error-date-unreadable = n'est pas une date que je sais lire.
error-date-missing-time = n'a pas d'heure.
error-date-missing-date = n'a pas de jour.
error-date-no-such-date = n'existe pas dans le calendrier.
error-date-weekday = tombe un { $actual }, pas un { $written }.
error-date-past = est déjà passée.
error-date-clock-change = tombe pendant le passage à l'heure d'été : cette heure n'existe pas ce jour-là.
error-date-duplicate = Les dates n° { $first } et n° { $second } sont la même. Chaque date ne doit figurer qu'une fois.
error-option-count = Une proposition compte de 2 à 10 dates, séparées par des points-virgules ; j'en ai lu { $count }. Exemple : `!réunion proposer 10/12 14h ; mardi 18h`
error-missing-argument = Il manque quelque chose après la commande. Exemple : `{ $example }`
error-expected-user = Il faut l'identifiant Matrix du membre (comme `@marie:exemple.fr`){ $given }. Exemple : `!association set @marie:exemple.fr Secours populaire`
error-unknown-meeting-action = Je ne connais pas `!réunion { $given }`. Possible : `proposer`, `votes`, `clore`, `annuler`, `hôte`, `lieu`, ou `!réunion` seul. Exemple : `!réunion proposer 10/12 14h ; mardi 18h`

## Sondages

help-poll-summary = `!sondage` — un sondage sur une position commune : chaque association dit où elle en est
help-poll-details =
    - `!sondage <question>` : un sondage Pour / Contre / Abstention
    - `!sondage <question> | <option> | <option> …` : de 2 à 10 options à vous
    - `!sondage jusqu'au 12/12 18h : <question> | …` : clos tout seul à cette date (mêmes dates que pour les réunions : `10/12 14h`, `mardi 18h`, `10 décembre 14h`…)
    - `!sondage résultats [n]` : qui a répondu quoi, où en est chaque association, et s'il y a une position commune
    - `!sondages` : les sondages ouverts, avec leur numéro
    - `!sondage clore [n]` : clore le sondage n (son auteur ou un modérateur) ; `!sondage clore n enregistrer` l'inscrit aussi au registre des décisions

    Pour répondre : le sondage de votre application, une réaction 1️⃣ 2️⃣ … sur le sondage, ou `!voter <n> <option>`. Une voix par personne : la dernière réponse compte. Il y a **position commune** quand toutes les associations ont répondu et choisissent la même option. Question : 300 caractères au plus ; option : 100.
help-poll-example = !sondage jusqu'au 12/12 18h : Signons-nous la lettre commune au Préfet sur l'aide alimentaire ?
example-poll-results = !sondage résultats 2
example-poll-list = !sondages
example-poll-close = !sondage clore 2

help-vote-summary = `!voter` — répondre à un sondage sans passer par le sondage de votre application
help-vote-details =
    `!voter <n> <option>` répond au sondage n, par le numéro ou le texte de l'option ; `!voter <option>` répond au dernier sondage ouvert.
    Vous pouvez changer d'avis : seule votre dernière réponse compte, qu'elle vienne du sondage, d'une réaction ou de `!voter`.
help-vote-example = !voter 2 Pour

poll-option-for = Pour
poll-option-against = Contre
poll-option-abstain = Abstention
poll-question = Sondage n° { $number } : { $question }
poll-fallback-intro = Sondage n° { $number } de { $author } : { $question }
poll-fallback-deadline = Réponses jusqu'au { $date }.
poll-fallback-how = Sans sondage dans votre application, répondez par une réaction 1️⃣ 2️⃣ … sur ce message, ou avec « !voter { $number } <option> » (par exemple « !voter { $number } 1 »). Une voix par personne : la dernière réponse compte.
poll-results-title = **Sondage n° { $number } — résultats** : { $question }
poll-status-open = Ouvert.
poll-status-open-until = Ouvert jusqu'au { $date }.
poll-status-closed = Clos le { $date }.
poll-status-closed-late = Clos à son échéance du { $date } — annoncé en retard, le bot était arrêté.
poll-option-line = { $key } { $option } — { $count ->
        [0] aucune réponse
        [one] 1 réponse
       *[other] { $count } réponses
    }
poll-by-association = **Par association**
poll-stance-unanimous = { $association } : { $option } ({ $names })
poll-stance-split = { $association } : partagée — { $details }
poll-stance-missing = { $association } : pas encore de réponse
poll-guests = Invités (non comptés pour les associations) : { $details }
poll-joint-adopted = **Position commune : { $option }.**
poll-joint-not-yet = **Pas encore de position commune.**
poll-joint-missing = Sans réponse : { $associations }.
poll-joint-split = Partagées : { $associations }.
poll-joint-disagree = Les associations ne choisissent pas la même option.
poll-joint-none = Aucune association n'est définie dans ce salon, donc pas de position commune à établir. Pour en définir : `!association set @membre:serveur <association>`
poll-end-text = Sondage n° { $number } clos. { $joint }
poll-end-adopted = Position commune : { $option }.
poll-end-not-yet = Pas de position commune.
poll-list-title = **Sondages ouverts**
poll-list-line = n° { $number } : { $question } — { $count ->
        [0] aucune réponse
        [one] 1 réponse
       *[other] { $count } réponses
    }
poll-list-until = jusqu'au { $date }
poll-list-footer = Résultats : `!sondage résultats <n>`. Répondre : `!voter <n> <option>`.
poll-list-empty = Aucun sondage ouvert. Pour en lancer un : `!sondage Signons-nous la lettre au Préfet ?`
poll-not-found = Il n'y a pas de sondage n° { $number } dans ce salon. Les sondages ouverts : `!sondages`
poll-none-open = Aucun sondage ouvert dans ce salon. Pour en lancer un : `!sondage Signons-nous la lettre au Préfet ?`
poll-none = Aucun sondage dans ce salon pour l'instant. Pour en lancer un : `!sondage Signons-nous la lettre au Préfet ?`
poll-already-closed = Le sondage n° { $number } est déjà clos. Ses résultats : `!sondage résultats { $number }`
poll-close-refused = Seule la personne qui a lancé le sondage n° { $number } ({ $author }) ou un modérateur du salon peut le clore.
poll-closed-no-answer = Le sondage n° { $number } est clos : les réponses ne comptent plus. Ses résultats : `!sondage résultats { $number }`
poll-no-such-option = Le sondage n° { $number } n'a pas d'option « { $given } ». Options : { $options }. Exemple : `!voter { $number } 1`
poll-answer-recorded = C'est noté : { $voter } répond « { $option } » au sondage n° { $number }. Pour changer d'avis, répondez à nouveau : seule la dernière réponse compte.
error-poll-deadline = L'échéance « { $given } » { $problem } Exemple : `!sondage jusqu'au 12/12 18h : Signons-nous la lettre au Préfet ?`
error-poll-deadline-without-question = Après l'échéance, mettez deux-points puis la question. Exemple : `!sondage jusqu'au 12/12 18h : Signons-nous la lettre au Préfet ?`
error-poll-question-missing = Il manque la question du sondage. Exemple : `{ $example }`
error-poll-question-too-long = Cette question fait { $length } caractères, { $max } au plus. Raccourcissez-la et mettez le contexte dans un message à part.
error-poll-option-count = Un sondage a de { $min } à { $max } options, séparées par `|` ; j'en compte { $count }. Exemple : `!sondage Quelle date pour la collecte ? | samedi | dimanche`
error-poll-option-empty = L'option n° { $number } est vide : vérifiez les `|`. Exemple : `!sondage Quelle date pour la collecte ? | samedi | dimanche`
error-poll-option-too-long = L'option n° { $number } fait { $length } caractères, { $max } au plus.
error-poll-option-duplicate = Les options n° { $first } et n° { $second } sont les mêmes. Chaque option ne doit figurer qu'une fois.

## Registre des décisions, actions, comptes rendus

help-decision-summary = `!décision` — le registre des décisions : enregistrer, chercher, modifier, annuler
help-decision-details =
    - `!décision <texte>` : enregistrer une décision (numérotée, datée, rattachée à la réunion du jour ou à la dernière)
    - `!décisions` : les dix dernières ; `!décisions <mots>` : chercher (sans souci des accents, des majuscules ni des apostrophes)
    - `!décision <n>` : une décision en entier, avec sa réunion, son sondage et ses versions
    - `!décision modifier <n> <texte>` : une nouvelle version (l'ancienne reste dans l'historique)
    - `!décision annuler <n> <motif>` : l'annuler, avec le motif (elle reste au registre)

    Modifier ou annuler : son auteur ou un modérateur. `!sondage clore <n> enregistrer` inscrit aussi le résultat d'un sondage.
help-decision-example = !décision La concertation signe la lettre commune au Préfet sur l'aide alimentaire
example-decision-show = !décision 3
example-decision-amend = !décision modifier 3 La concertation signe la lettre commune au Préfet et au Conseil départemental
example-decision-revoke = !décision annuler 3 Lettre remplacée par une rencontre avec la DDETS
example-decision-search = !décisions préfet

help-action-summary = `!action` — qui fait quoi, et pour quand
help-action-details =
    - `!action <@membre:serveur ou association> <quoi> [avant le <date>]` : une action, numérotée, rattachée à la réunion
    - `!actions` : les actions en cours (celles en retard d'abord)
    - `!action fait <n>` : la marquer faite (la personne ou l'association concernée, ou un modérateur)
help-action-example = !action Croix-Rouge Écrire au maire de Chelles avant le 15/12
example-action-done = !action fait 2
example-action-list = !actions

help-minutes-summary = `!compte-rendu` — le compte rendu de la dernière réunion (ou d'une date), en Markdown et en PDF ; approuvé par chaque association en procès-verbal
help-minutes-details =
    `!compte-rendu` donne le compte rendu de la dernière réunion : date, lieu, hôte, présents et excusés par association, intervenants, ordre du jour avec les notes de chaque point, sondages clos ce jour-là, décisions et actions, et son statut (projet). `!compte-rendu 10/12` : celui de la réunion du 10 décembre. Il est aussi envoyé en fichier Markdown et en PDF.

    - `!compte-rendu approuver [date]` : approuver au nom de votre association (une approbation par association ; la dernière compte). Quand toutes les associations ont approuvé, le compte rendu est adopté : le texte est figé (avec son empreinte SHA-256) et je poste le procès-verbal en PDF.
    - `!compte-rendu adopter [date]` : un modérateur adopte sans attendre toutes les associations ; le procès-verbal dit lesquelles n'avaient pas approuvé.
help-minutes-example = !compte-rendu 10/12

error-decision-too-long = Cette décision fait { $length } caractères, { $max } au plus.
decision-recorded = **Décision n° { $number } enregistrée** : { $text } ({ $meeting })
decision-meeting = réunion du { $date }
decision-no-meeting = sans réunion
decision-amended = modifiée ({ $versions } versions)
decision-revoked-mark = **annulée** le { $date } : { $reason }
decision-list-title = **Dernières décisions**
decision-list-empty = Le registre est vide pour l'instant. Pour enregistrer une décision : `!décision La concertation signe la lettre au Préfet`
decision-list-footer = Une décision en entier : `!décision <n>`. Chercher : `!décisions <mots>`.
decision-search-title = **Décisions trouvées pour « { $words } »** ({ $count })
decision-search-empty = Aucune décision ne contient « { $words } ». Essayez un autre mot, par exemple `!décisions préfet`, ou voyez les dernières avec `!décisions`.
decision-detail-title = **Décision n° { $number }** : { $text }
decision-detail-by = Enregistrée par { $author }, le { $date }
decision-from-poll = Résultat du sondage n° { $number }
decision-detail-revoked = Annulée par { $by } le { $date } : { $reason }
decision-history = **Historique**
decision-not-found = Il n'y a pas de décision n° { $number } dans ce salon. Les dernières : `!décisions`
decision-amended-reply = Décision n° { $number } modifiée (version { $version }) : { $text }. L'ancien texte reste dans l'historique (`!décision { $number }`).
decision-revoked-reply = Décision n° { $number } annulée : { $reason }. Elle reste au registre, marquée annulée.
decision-already-revoked = La décision n° { $number } est déjà annulée.
decision-change-refused = Seule la personne qui a enregistré la décision n° { $number } ({ $author }) ou un modérateur du salon peut la modifier ou l'annuler.
decision-poll-adopted = Position commune adoptée : { $option } — { $question } (sondage n° { $number } : { $counts } ; règle : { $rule })
decision-poll-not-adopted = Pas de position commune — { $question } (sondage n° { $number } : { $counts } ; règle : { $rule })

action-line = n° { $number } — { $owner } : { $text }
action-due = avant le { $date }
action-done-mark = ✅ faite
action-late-mark = ⚠️ **en retard**
action-recorded = Action enregistrée : { $line }
action-list-title = **Actions en cours**
action-list-empty = Aucune action en cours. Pour en noter une : `!action Croix-Rouge Écrire au maire de Chelles avant le 15/12`
action-list-footer = Quand c'est fait : `!action fait <n>`.
action-done = Action n° { $number } faite : { $owner } — { $text }. Merci !
action-already-done = L'action n° { $number } est déjà faite.
action-not-found = Il n'y a pas d'action n° { $number } dans ce salon. Les actions en cours : `!actions`
action-done-refused = Seuls { $owner } (la personne ou l'association concernée) ou un modérateur peuvent marquer l'action n° { $number } comme faite.
action-unknown-owner = Je ne sais pas qui est « { $given } » : donnez un membre (`@marie:exemple.fr`) ou une association du salon ({ $known }). Exemple : `!action Croix-Rouge Écrire au maire de Chelles avant le 15/12`
action-missing-what = Il manque ce qu'il faut faire. Exemple : `!action Croix-Rouge Écrire au maire de Chelles avant le 15/12`
action-too-long = Cette action fait { $length } caractères, { $max } au plus.
action-bad-due-date = L'échéance « { $given } » n'est pas un jour à venir que je sais lire. Exemple : `avant le 15/12`

minutes-title = **Compte rendu de la réunion du { $date }**
minutes-present = Présents : { $list }
minutes-excused = Excusés : { $list }
minutes-not-represented = Associations non représentées : { $list }
minutes-place = Lieu : { $place }
minutes-host = Accueil : { $host }
minutes-unknown = non précisé
minutes-agenda = **Ordre du jour**
minutes-polls = **Sondages**
minutes-decisions = **Décisions**
minutes-actions = **Actions**
minutes-none = Aucun.
minutes-item-treated = traité
minutes-item-carried = reporté
minutes-item-withdrawn = retiré
minutes-item-open = non traité
minutes-file-name = compte-rendu-{ $date }.md
minutes-bad-date = Je ne sais pas lire le jour « { $given } ». Exemple : `!compte-rendu 10/12`
minutes-no-meeting = Aucune réunion n'a encore eu lieu dans ce salon.
minutes-no-meeting-that-day = Il n'y a pas eu de réunion le { $date }. Pour la dernière : `!compte-rendu`
minutes-status-draft = **Statut : projet.** Pour l'approuver au nom de votre association : `!compte-rendu approuver`
minutes-approved-by = Approuvé par : { $list }
minutes-approved-by-none = Aucune association n'a encore approuvé
minutes-awaited = en attente : { $list }
minutes-approved = ✅ Compte rendu approuvé pour { $association }.
minutes-adopted-on = **Procès-verbal adopté le { $date }**
minutes-adopted-by-moderator = Adopté par { $moderator } (modérateur) sans l'approbation de toutes les associations
minutes-not-approved-by = N'avaient pas approuvé : { $list }
minutes-fingerprint = Empreinte SHA-256 : `{ $fingerprint }`
minutes-adopted = **Procès-verbal adopté** — réunion du { $meeting }. Le texte est figé : une correction se fait désormais par une nouvelle décision. Empreinte SHA-256 : `{ $fingerprint }`. Le PDF suit.
minutes-already-adopted = Le compte rendu de la réunion du { $meeting } est déjà adopté (le { $date }, empreinte SHA-256 `{ $fingerprint }`) : il ne change plus. Une correction se fait par une nouvelle décision : `!décision …`
minutes-approve-no-association = Pour approuver le compte rendu, il faut représenter une association du salon. Un modérateur peut vous y rattacher : `!association set @vous:serveur Croix-Rouge`
minutes-approve-no-associations = Aucune association n'est définie dans ce salon : personne ne peut approuver au nom d'une association. Un modérateur peut adopter le compte rendu : `!compte-rendu adopter`, ou définir les associations : `!association set @membre:serveur <association>`
minutes-adopt-refused = Seul un modérateur du salon peut adopter le compte rendu sans l'approbation de toutes les associations. Chaque association approuve avec `!compte-rendu approuver`.
minutes-pdf-name = compte-rendu-{ $date }.pdf
minutes-pdf-untitled = Concertation
minutes-pdf-draft = Projet — non encore adopté
minutes-pdf-adopted = Adopté le { $date } — empreinte SHA-256 { $fingerprint }
export-decisions-title = # Registre des décisions
export-decisions-header = numéro,date,texte,auteur,association,réunion,sondage,versions,annulée le,motif
export-contacts-header = numéro,organisme,nom,rôle,téléphone,courriel,note,ajouté par,association,ajouté le,confirmé le
export-letters-header = numéro,titre,statut,version,approuvée le,envoyée le,destinataires,empreinte,réponses

## Rappels

help-remind-summary = `!rappel` — un rappel à une heure dite ; `!rappels` — les rappels du salon et ceux des réunions
help-remind-details =
    - `!rappel <quand> <texte>` : `dans 2 heures`, `demain 9h`, `lundi 18h`, `le 12/12 à 14h`, `12/12 14h`, `2026-12-12 14:00` ; chaque semaine : `chaque lundi 9h`, chaque jour : `chaque jour 8h`
    - `!rappels` : les rappels à venir, numérotés ; `!rappels annuler <n>` : en annuler un (son auteur ou un modérateur)
    - `!rappels réunion 7j 1j 2h` : quand rappeler les réunions (par défaut 7 jours, 1 jour et 2 heures avant) ; `!rappels réunion aucun` pour ne plus les rappeler

    Les rappels sont des messages qui font sonner les téléphones et citent les personnes concernées. Je rappelle aussi les sondages (la veille de l'échéance, aux associations qui n'ont pas répondu) et les actions (deux jours avant et le jour même). Un rappel prévu pendant que j'étais arrêté part à mon retour, une seule fois, marqué en retard.
help-remind-example = !rappel demain 9h Envoyer l'ordre du jour
example-reminders-cancel = !rappels annuler 2
example-reminders-list = !rappels
example-reminders-meeting = !rappels réunion 7j 1j 2h

reminder-every-day = chaque jour à { $time }
reminder-every-weekday = chaque { $day } à { $time }
reminder-created = C'est noté : je vous le rappellerai le { $date } : « { $text } » (rappel n° { $number }).
reminder-created-recurring = C'est noté : je vous le rappellerai { $every }, la prochaine fois le { $date } : « { $text } » (rappel n° { $number }).
remind-error-unreadable = Je ne sais pas quand : commencez par le moment (`dans 2 heures`, `demain 9h`, `lundi 18h`, `le 12/12 à 14h`, `chaque lundi 9h`), puis le texte.
remind-error-past = Ce moment est déjà passé.
remind-error-no-such-date = Ce jour n'existe pas dans le calendrier.
remind-error-too-far = C'est à plus de deux ans : je ne prends pas de rappel aussi loin.
remind-example = Exemple : `!rappel demain 9h Envoyer l'ordre du jour`
remind-missing-text = Il manque le texte du rappel.
remind-too-long = Ce rappel fait { $length } caractères, { $max } au plus.
reminder-list-title = **Rappels à venir**
reminder-list-empty = Aucun rappel à venir. Pour en noter un : `!rappel demain 9h Envoyer l'ordre du jour`
reminder-meeting-offsets = Rappels de réunion : { $offsets } avant. Pour changer : `!rappels réunion 7j 1j 2h`
reminder-meeting-none = Les réunions ne sont pas rappelées dans ce salon. Pour les rappeler : `!rappels réunion 7j 1j 2h`
reminder-meeting-error = Je n'ai pas compris ces délais. Exemple : `!rappels réunion 7j 1j 2h` (j : jours, h : heures, min : minutes, 60 jours au plus), ou `!rappels réunion aucun`.
duration-days = { $count ->
        [one] 1 jour
       *[other] { $count } jours
    }
duration-hours = { $count ->
        [one] 1 heure
       *[other] { $count } heures
    }
duration-minutes = { $count ->
        [one] 1 minute
       *[other] { $count } minutes
    }
reminder-cancelled = Rappel n° { $number } annulé : « { $text } ».
reminder-not-found = Il n'y a pas de rappel n° { $number } à venir dans ce salon. Les rappels : `!rappels`
reminder-cancel-refused = Seule la personne qui a demandé le rappel n° { $number } ({ $author }) ou un modérateur du salon peut l'annuler.
reminder-late = (prévu le { $date }, envoyé en retard)
reminder-late-short = (envoyé en retard)
reminder-message = ⏰ Rappel pour { $author } : { $text }
reminder-attendance = **Présence** :
reminder-attendance-call = { $association } n'est pas encore représentée : { $people }, venez-vous ? Répondez ✅ ou ❌ sous l'annonce de la réunion, ou `!présence oui`.
reminder-meeting = 📅 **Réunion dans { $delay }** : { $meeting }.
reminder-agenda-empty = L'ordre du jour est vide pour l'instant.
reminder-meeting-ask-items = Des points à ajouter ? `!agenda ajouter <texte>` (ou `!agenda urgent <texte>`).
reminder-late-actions = **Actions en retard**
reminder-poll-nudge = 🗳️ **Sondage n° { $number }** « { $question } » : clos le { $date }. Pas encore de réponse : { $missing }.
reminder-action-before = 📌 Action n° { $number } pour { $owner } : { $text } — à faire avant le { $date }.
reminder-action-day = 📌 Action n° { $number } pour { $owner } : { $text } — c'est pour aujourd'hui ({ $date }).

## Page du groupe

help-page-summary = `!page` — le lien de la page web privée du groupe (décisions, positions, réunions, calendrier)
help-page-details =
    `!page` donne le lien de la page du groupe : prochaine réunion, registre des décisions avec recherche, positions communes, comptes rendus, et un calendrier des réunions à ajouter à votre agenda. Quiconque a le lien peut lire la page : ne le diffusez qu'au groupe. `!page nouveau-lien` (modérateurs) remplace le lien ; l'ancien cesse aussitôt de marcher.
help-page-example = !page
page-disabled = La page web n'est pas activée pour ce bot. La personne qui l'héberge peut l'activer dans la configuration (section `[web]`).
page-new-link-refused = Seul un modérateur du salon peut remplacer le lien de la page.
page-link = La page du groupe (privée : quiconque a ce lien peut la lire) : { $page }
    Calendrier des réunions, à ajouter à votre agenda : { $webcal } (ou { $calendar })
page-new-link = Nouveau lien de la page du groupe : { $page } — l'ancien ne marche plus.
    Calendrier des réunions : { $webcal } (ou { $calendar })
web-home = Prochaine réunion
web-decisions = Décisions
web-positions = Positions communes
web-meetings = Réunions
web-calendar = Calendrier (.ics)
web-next-meeting = Prochaine réunion
web-no-meeting = Aucune réunion prévue pour l'instant.
web-place = Lieu
web-host = Accueil
web-agenda = Ordre du jour
web-urgent = urgent
web-search = prefet, lieu d'accueil…
web-search-label = Chercher une décision
web-search-button = Chercher
web-no-result = Aucune décision ne contient ces mots.
web-no-decision = Aucune décision enregistrée pour l'instant.
web-meeting-of = réunion du
web-poll = sondage n°
web-revoked = Annulée le
web-history = Versions précédentes
web-no-position = Aucune position commune adoptée pour l'instant.
web-minutes-download = compte rendu (Markdown)
web-minutes-adopted-pdf = procès-verbal adopté (PDF)
web-minutes-draft-pdf = projet (PDF)

## Présence

help-attendance-summary = `!présence` — qui vient à la prochaine réunion fixée, par association
help-attendance-details =
    Une fois la date fixée, répondez par ✅ (je viens) ou ❌ (excusé·e) sous l'annonce de la réunion, ou :
    - `!présence oui` / `!présence non` : votre réponse (la dernière compte)
    - `!présence oui @marie:exemple.org, Jean` : noter la présence d'autres membres (le ou la secrétaire du jour) ; je garde qui l'a noté
    - `!présence` : par association, qui vient, qui est excusé, qui n'a pas répondu, et les associations non représentées
help-attendance-example = !présence oui
example-attendance-list = !présence
attendance-title = **Présence — { $meeting }**
attendance-line = { $association } : { $coming }/{ $size } — { $names }
attendance-line-not-represented = { $association } : 0/{ $size } — non représentée
attendance-excused = excusé·e(s) : { $names }
attendance-silent = sans réponse : { $names }
attendance-others-coming = Présents hors associations : { $names }
attendance-others-excused = Excusés hors associations : { $names }
attendance-nobody-yet = Personne n'a encore répondu.
attendance-how = Répondez par ✅ ou ❌ sous l'annonce de la réunion, ou `!présence oui` / `!présence non`.
attendance-no-meeting = Aucune réunion n'est fixée : la présence se note une fois la date fixée (`!réunion clore`).
attendance-unknown-members = Je ne trouve pas dans ce salon : { $names }. Nommez les membres par leur nom affiché ou leur identifiant, par exemple `!présence oui @marie:exemple.org`.
attendance-noted-coming = C'est noté : vous venez à { $meeting }.
attendance-noted-excused = C'est noté : vous êtes excusé·e pour { $meeting }.
attendance-noted-others-coming = C'est noté pour { $meeting } : { $names } { $count ->
        [one] vient
       *[other] viennent
    }.
attendance-noted-others-excused = C'est noté pour { $meeting } : { $names } { $count ->
        [one] est excusé·e
       *[other] sont excusé·e·s
    }.

## Invités

help-guest-summary = `!invité` — les intervenants invités à une réunion (ADSEA, OFII, MDS…)
help-guest-details =
    - `!invité ajouter <nom> [<courriel>] [— <sujet>]` : inviter quelqu'un à la prochaine réunion (ou à celle du jour dit par `pour le <date>`) ; l'adresse sert aux courriels et n'est jamais montrée en entier
    - `!invités` : les invités de la prochaine réunion, numérotés
    - `!invité retirer <n>` : retirer l'invité n (la personne qui l'a ajouté ou un modérateur ; son adresse est effacée)

    Les invités figurent dans `!réunion`, dans les rappels et dans le compte rendu (« Intervenants »).
help-guest-example = !invité ajouter Mme Martin (ADSEA) martin@adsea77.example — jeunes migrants isolés
example-guest-list = !invités
example-guest-remove = !invité retirer 1
guests-line = Intervenants : { $guests }
guest-added = Invité n° { $number } ajouté à { $meeting } : { $guest }
guest-added-will-be-emailed = Un courriel partira à cette adresse : l'invitation à la réunion, puis ses mises à jour et son annulation. Chacun porte un lien « ce n'est pas pour moi » qui efface l'adresse.
emails-held-back = 📮 Des courriels attendent : la limite de { $per_recipient } courriels par jour pour une même adresse, ou de { $per_room } par jour pour ce salon, est atteinte. Ils partiront dès qu'elle le permettra ; aucun n'est perdu.
guest-list-title = **Invités de { $meeting }**
guest-list-empty = Aucun invité pour { $meeting }. Pour en ajouter : `!invité ajouter Mme Martin (ADSEA) — jeunes migrants isolés`
guest-removed = Invité n° { $number } retiré : { $name }.
guest-missing = Il n'y a pas d'invité n° { $number } ({ $count } invité(s) pour la prochaine réunion). Voir la liste : `!invités`
guest-no-meeting-on = Aucune réunion n'est fixée le { $date }. Sans date, l'invité va à la prochaine réunion : `!invité ajouter Mme Martin (ADSEA)`
guest-remove-refused = Seule la personne qui a ajouté cet invité ({ $author }) ou un modérateur du salon peut le retirer.
example-minutes-approve = !compte-rendu approuver
example-minutes-adopt = !compte-rendu adopter 10/12
error-unknown-rhythm = Je ne connais pas le rythme « { $given } ». Choisissez : `!réunion rythme trimestriel`, `bimestriel`, `mensuel` ou `aucun`.
example-meeting-rhythm = !réunion rythme trimestriel
meeting-rhythm-none = Aucun rythme n'est fixé : les dates se proposent à la main (`!réunion proposer …`). Pour une réunion par trimestre : `!réunion rythme trimestriel`
meeting-rhythm-quarterly = trimestriel
meeting-rhythm-bimonthly = bimestriel
meeting-rhythm-monthly = mensuel
meeting-rhythm-line = Rythme : { $rhythm }.
meeting-rhythm-set = Rythme des réunions : { $rhythm }. { $when }
meeting-rhythm-unset = Plus de rythme : je ne proposerai plus de dates de moi-même.
meeting-rhythm-next = Prochaine réunion attendue vers le { $due } : je proposerai quatre dates le { $propose_on }, sauf si une réunion est déjà fixée ou proposée.
meeting-rhythm-next-soon = Prochaine réunion attendue vers le { $due } : je propose des dates tout de suite, sauf si une réunion est déjà fixée ou proposée.
meeting-rhythm-no-meeting = Je proposerai des dates avant l'échéance dès qu'une réunion aura eu lieu (l'échéance se compte depuis la dernière réunion).
meeting-rhythm-proposal = { $mentions } — Rythme { $rhythm } : la prochaine réunion est attendue vers le { $due }. Voici quatre dates, au jour et à l'heure de la dernière réunion ; réagissez avec les numéros des dates où vous pouvez venir.
meeting-rhythm-line-none = Rythme : aucun (pour une réunion par trimestre : `!réunion rythme trimestriel`).

## Le salon remplacé par une nouvelle version (mise à niveau du salon)
room-new-link = le nouveau salon
room-old-link = l'ancien salon
room-replaced = 🏠 Ce salon a été remplacé par { $link }. Le registre du groupe y est passé (associations, ordre du jour, réunions, décisions, actions, rappels, lien de la page) : continuons là-bas.
room-replaced-closed = Les votes encore ouverts dans l'ancien salon sont clos :
room-closed-dates = la proposition de dates ({ $voters ->
        [0] personne n'avait répondu
        [one] une personne avait répondu
       *[other] { $voters } personnes avaient répondu
    }) : proposez les dates de nouveau avec `!réunion proposer …`
room-closed-poll = le sondage n° { $number } « { $question } » : ses résultats suivent
room-closed-attendance = les présences par réaction sous l'invitation : répondez avec `!présence oui` ou `!présence non` (les réponses déjà données sont gardées)
room-followed = 👋 Bonjour ! Ce salon remplace { $link } : le registre du groupe m'a suivi.
room-followed-counts = Ici maintenant : { $counts }.
room-count-associations = { $count ->
        [one] une association
       *[other] { $count } associations
    }
room-count-agenda = { $count ->
        [one] un point à l'ordre du jour
       *[other] { $count } points à l'ordre du jour
    }
room-count-meetings = { $count ->
        [one] une réunion prévue
       *[other] { $count } réunions prévues
    }
room-count-decisions = { $count ->
        [one] une décision
       *[other] { $count } décisions
    }
room-count-actions = { $count ->
        [one] une action en cours
       *[other] { $count } actions en cours
    }
room-count-reminders = { $count ->
        [one] un rappel
       *[other] { $count } rappels
    }
room-followed-end = La langue, le rythme et le lien de la page restent les mêmes : l'ancien lien ouvre maintenant ce salon. `!aide` pour les commandes.
room-moved-away = Ce salon a été remplacé : le groupe continue dans { $link }. Envoyez-y vos commandes.

## Par courriel

help-email-summary = `!courriel` — les personnes qui suivent le groupe par courriel (un représentant sans compte Matrix)
help-email-details =
    - `!courriel ajouter <adresse> <association> <nom…>` : quelqu'un qui suit le groupe par courriel, compté pour son association comme un membre (modérateurs) ; l'association est lue au début des mots, sans souci des accents ni des majuscules
    - `!courriels` : la liste, numérotée, les adresses masquées
    - `!courriel retirer <n>` : retirer la personne n ; son adresse est effacée (modérateurs)
    - `!courriel nouveau-lien <n>` : un nouveau lien personnel pour la personne n, envoyé par courriel ; l'ancien ne marche plus (modérateurs)

    Ils reçoivent par courriel les invitations et les rappels des réunions, les dates proposées et les sondages avec leur lien personnel pour répondre (compté pour leur association, affiché « (par courriel) » dans `!réunion votes` et `!sondage résultats`), les résultats des sondages et le procès-verbal adopté en PDF.

    Chaque courriel porte un lien pour se désinscrire (en un clic dans les messageries qui le proposent) : le salon en est averti une fois. Les adresses ne sont gardées que dans la base de Concerto : jamais entières dans le salon, jamais dans les journaux.
help-email-example = !courriel ajouter jean.ledoux@restosducoeur.example Restos du Cœur Jean Ledoux
example-email-list = !courriels
example-email-remove = !courriel retirer 1
example-email-new-link = !courriel nouveau-lien 1
email-new-link-done = Nouveau lien personnel pour { $name } ({ $association }, n° { $number }) : l'ancien ne marche plus, le nouveau lui est envoyé par courriel.
email-new-link-unsubscribed = Nouveau lien personnel pour { $name } ({ $association }, n° { $number }) : l'ancien ne marche plus. { $name } s'est désinscrit(e) des courriels : le nouveau lien ne lui est pas envoyé.
email-added = C'est noté : { $name } ({ $association }) suit le groupe par courriel, n° { $number } ({ $address }).
email-not-configured = L'envoi de courriels n'est pas encore configuré pour ce bot (section `[email]` de sa configuration) : rien ne partira avant.
email-guest-unsubscribed = L'invité(e) { $name } s'est désinscrit(e) des courriels : son adresse est effacée, plus rien ne lui sera envoyé.
email-unsubscribed = { $name } ({ $association }) s'est désinscrit(e) : plus aucun courriel ne lui sera envoyé. Pour le retirer de la liste : `!courriel retirer { $number }`.
email-missing-name = Il manque le nom de la personne après « { $association } ». Exemple : `!courriel ajouter jean.ledoux@exemple.fr { $association } Jean Ledoux`
email-address-erased = adresse effacée
email-unsubscribed-before = Cette adresse s'est désinscrite des courriels : n° { $number }, { $name } ({ $association }). Son adresse a été effacée ; seule une empreinte est gardée, pour vous le dire. Pour l'inscrire de nouveau, avec son accord, retirez d'abord l'ancienne entrée : `!courriel retirer { $number }`.
email-duplicate = Cette adresse est déjà dans la liste : n° { $number }, { $name } ({ $association }, { $address }).
email-removed = { $name } ({ $association }) ne suit plus le groupe par courriel ; son adresse est effacée.
email-missing = Il n'y a pas de n° { $number } dans la liste ({ $count ->
        [0] personne ne suit le salon par courriel
        [one] { $count } personne
       *[other] { $count } personnes
    }). Voir la liste : `!courriels`
email-unknown-association = Je ne trouve pas d'association de ce salon au début de « { $given } ». Associations : { $known }. Exemple : `!courriel ajouter jean.ledoux@exemple.fr { $first } Jean Ledoux`
email-no-association = Ce salon ne connaît encore aucune association. Rattachez d'abord ses membres (`!association set @marie:exemple.fr Secours populaire`), puis ajoutez la personne : `!courriel ajouter jean.ledoux@exemple.fr Secours populaire Jean Ledoux`
email-list-title = **Suivent le groupe par courriel**
email-list-line = n° { $number } — { $name } ({ $association }) : { $address }
email-list-empty = Personne ne suit ce salon par courriel. Un modérateur peut ajouter quelqu'un : `!courriel ajouter jean.ledoux@restosducoeur.example Restos du Cœur Jean Ledoux`
email-list-unsubscribed = — désinscrit(e) : ne reçoit plus rien
email-list-footer = Retirer quelqu'un (son adresse est alors effacée) : `!courriel retirer <n>`.
email-manage-refused = Seul un modérateur du salon peut ajouter ou retirer une personne suivie par courriel.
error-expected-email = « { $given } » n'est pas une adresse électronique. L'adresse vient d'abord, puis l'association et le nom. Exemple : `!courriel ajouter jean.ledoux@restosducoeur.example Restos du Cœur Jean Ledoux`
error-email-too-long = L'association et le nom font { $length } caractères, { $max } au plus. Exemple : `!courriel ajouter jean.ledoux@restosducoeur.example Restos du Cœur Jean Ledoux`
email-hello = Bonjour { $name },
email-signature = Concerto, l'assistant de la concertation
email-invitation-subject = Réunion de concertation : { $date }
email-invitation-intro = La prochaine réunion de concertation aura lieu le { $date }.
email-place = Lieu : { $place }
email-place-unknown = Lieu : à préciser
email-host = Accueil : { $host }
email-host-unknown = Accueil : à préciser
email-agenda = Ordre du jour :
email-invitation-attached = L'invitation est jointe : ouvrez-la pour ajouter la réunion à votre agenda (une invitation plus récente la met à jour).
email-cancel-subject = Annulée : réunion de concertation du { $date }
email-cancel-intro = La réunion de concertation du { $date } est annulée.
email-cancel-attached = Le fichier joint la retire de votre agenda.
email-unsubscribe = Ce courriel n'est pas pour vous, ou vous ne voulez plus en recevoir ? Un clic, et plus rien ne vous sera envoyé :
web-unsubscribe-title = Ne plus recevoir les courriels de la concertation
web-unsubscribe-ask = Vous recevez les invitations et les nouvelles de la concertation par courriel. Pour ne plus les recevoir, confirmez :
web-unsubscribe-button = Me désinscrire
web-unsubscribe-done = C'est fait : { $name } ne recevra plus de courriels de la concertation. Le groupe en est informé.
email-voter-name = { $name } (par courriel)
web-personal-title = Vos réponses à la concertation — { $group }
web-personal-hello = Bonjour { $name }. Vos réponses comptent pour { $association }, comme celles des membres du salon du groupe. Vous pouvez les changer tant que le vote est ouvert : la dernière compte.
web-personal-saved = Votre réponse est enregistrée.
web-personal-nothing = Rien à répondre pour l'instant : aucune date ni aucun sondage n'est ouvert. Vous recevrez un courriel quand il y en aura.
web-personal-dates-title = Dates proposées pour la prochaine réunion
web-personal-dates-legend = Je peux venir :
web-personal-if-need-be = si nécessaire
web-personal-dates-none = Vous avez répondu ne pouvoir venir à aucune de ces dates.
web-personal-dates-button = Enregistrer mes disponibilités
web-personal-poll-title = Sondage n° { $number }
web-personal-poll-deadline = Clôture : { $date }.
web-personal-poll-button = Enregistrer mon choix
web-personal-unsubscribe = Ne plus recevoir les courriels de la concertation
web-personal-refused-title = Réponse non enregistrée
web-personal-stale = Ce formulaire n'est plus valable : votre lien a peut-être été renouvelé. Rouvrez le lien du courriel le plus récent, puis répondez à nouveau.
web-personal-closed = Ce vote est clos : votre réponse n'a pas été enregistrée. Le groupe a déjà arrêté le résultat.
web-personal-invalid = Il manque votre choix : pour un sondage, cochez une des réponses, puis enregistrez.
web-personal-back = Revenir à mes réponses
email-reminder-subject = Rappel : réunion de concertation, { $date }
email-reminder-intro = Rappel : la réunion de concertation a lieu le { $date }.
email-proposal-subject = Dates proposées pour la prochaine réunion de concertation
email-proposal-intro = Des dates sont proposées pour la prochaine réunion de concertation. Dites au groupe celles où vous pouvez venir : votre réponse compte pour votre association.
email-proposal-dates = Dates proposées :
email-answer-link = Pour répondre (votre lien personnel, à ne pas transmettre) :
email-answer-without-link = Pour répondre, dites-le à un membre du groupe : il n'y a pas encore de page pour répondre en ligne.
email-poll-subject = Sondage n° { $number } : { $question }
email-poll-intro = Le groupe demande l'avis de chaque association : « { $question } »
email-poll-options = Réponses possibles :
email-poll-deadline = Clôture du sondage : { $date }.
email-poll-result-subject = Résultat du sondage n° { $number } : { $question }
email-poll-result-intro = Le sondage « { $question } » est clos.
email-poll-result-counts = Réponses :
email-poll-result-line = { $option } : { $count ->
        [0] aucune voix
        [one] { $count } voix
       *[other] { $count } voix
    }
email-minutes-subject = Procès-verbal adopté : réunion du { $date }
email-minutes-intro = Le procès-verbal de la réunion de concertation du { $date } a été approuvé par chaque association.
email-minutes-attached = Il est joint en PDF.
email-letter-signed = Signé par : { $associations }.
email-letter-attached = La lettre signée est jointe en PDF (empreinte SHA-256 : { $fingerprint }).
email-new-link-subject = Votre nouveau lien personnel pour la concertation
email-new-link-intro = Votre lien personnel a été renouvelé : l'ancien ne fonctionne plus. Gardez celui-ci pour répondre aux dates et aux sondages du groupe.

## Dates, heures et typographie (chrono : %A le jour de la semaine, %B le mois, %Y l'année…)
# Le jour du mois tel que le français l'écrit : « 1er », puis « 2 », « 3 »…
date-day-of-month = { $day ->
        [1] 1er
       *[other] { $day }
    }
# Une heure : « 14 h », « 18 h 30 ».
date-time-of-day = { $minute ->
        [0] %-H h
       *[other] %-H h %M
    }
# « jeudi 10 décembre 2026 à 14 h »
date-with-time = %A { $day } %B %Y à { $time }
# « 30 novembre 2026 »
date-in-words = { $day } %B %Y
# « 15/12/2026 »
date-short = %d/%m/%Y
date-weekday = %A
# Un numéro : « n° 3 ».
number-sign = n° { $number }
# Un texte cité : « Budget FEAD ».
quoted = « { $text } »
# Un libellé et sa valeur : « Lieu : Melun ».
labelled = { $label } : { $value }
# Ce qui sépare les éléments d'une liste : « Restos du Cœur ; Croix-Rouge ».
list-semicolon = {" ; "}

## Données personnelles : !confidentialité, la page publique, le pied des courriels

privacy-title = Vos données personnelles et Concerto
privacy-who-heading = Qui les traite
privacy-who = { $controllers }, responsables conjoints du traitement (RGPD, art. 26).
privacy-who-unnamed = Les associations qui se coordonnent dans le salon, responsables conjointes du traitement (RGPD, art. 26) ; aucune n'est encore nommée dans la configuration.
privacy-why-heading = Pourquoi
privacy-why = Préparer et suivre le travail commun des associations : réunions, ordres du jour, sondages, décisions, actions et rappels.
privacy-why-email = Tenir informées par courriel les personnes qui n'ont pas de compte Matrix, à leur demande.
privacy-why-web = Montrer aux membres, par un lien privé, les décisions, les positions et les réunions du groupe.
privacy-why-basis = Base légale : l'intérêt légitime des associations à se coordonner (RGPD, art. 6.1.f).
privacy-kept-heading = Ce qui est gardé, et combien de temps
privacy-kept-record = Le registre du groupe (décisions, procès-verbaux adoptés, actions, réunions et présences) : jusqu'à ce que le groupe le supprime.
privacy-kept-association = Votre identifiant Matrix et votre association : tant que le salon vous y rattache.
privacy-kept-messages = Les messages du bot et les identifiants des messages qu'il a traités : { $days } jours.
privacy-kept-dates = Vos réponses aux propositions de dates : jusqu'à la réunion choisie.
privacy-kept-polls = Vos réponses aux sondages : { $days } jours après leur clôture ; ensuite, seule reste la position de chaque association (la réponse compte encore, sans votre nom).
privacy-kept-reminders = Les rappels : jusqu'à ce qu'ils aient sonné, ou leur annulation.
privacy-kept-undecryptable = Les messages chiffrés que le bot n'a pas pu lire : { $days } jours.
privacy-kept-email = Les courriels envoyés : leur texte { $days } jours après l'envoi (seule reste la trace qu'ils sont partis).
privacy-kept-unsubscribed = L'adresse d'une personne qui se désinscrit : effacée aussitôt (seule son empreinte reste, pour ne pas la réinscrire par erreur).
privacy-rights-heading = Vos droits
privacy-rights = Accès, rectification, effacement, limitation et opposition (RGPD, art. 15 à 21) ; réclamation auprès de la CNIL (cnil.fr).
privacy-contact-heading = À qui vous adresser
privacy-contact = { $contact }
privacy-contact-none = Aucun contact n'a été indiqué dans la configuration : adressez-vous aux représentants de votre association.
privacy-page-at = Cette notice en ligne : { $url }
privacy-footer-first = Vos données sont traitées par { $who } pour coordonner leur action commune ; le texte des courriels est gardé { $email_days } jours après l'envoi, les réponses aux sondages { $poll_days } jours après leur clôture.
privacy-footer-second = Pour consulter, corriger ou effacer vos données : { $contact }
privacy-footer-page = Détails : { $url }
privacy-footer-unnamed = les associations du salon
help-privacy-summary = `!confidentialité` — ce que le bot garde sur vous, combien de temps, et à qui vous adresser
help-privacy-details =
    `!confidentialité` montre qui traite vos données, pourquoi, ce qui est gardé et combien de temps (d'après la configuration en vigueur), vos droits et à qui vous adresser. La même notice est en ligne sur la page `/confidentialite` du bot quand sa page web est activée, et en pied de chaque courriel.
help-privacy-example = !confidentialité

## La fiche du registre des traitements (concerto export registre)

register-title = Registre des activités de traitement : Concerto, l'assistant de la concertation
register-made = Fiche établie le { $date } d'après la configuration en vigueur (RGPD, art. 30).
register-purpose = Finalité et base légale
register-controllers = Responsables conjoints du traitement (art. 26)
register-controllers-none = À compléter : aucune association n'est nommée (clé `controllers` de la section `[privacy]`).
register-people = Personnes concernées
register-people-members = Les représentants des associations dans les salons Matrix du bot.
register-people-guests = Les invités des réunions (intervenants), nommés par un membre.
register-people-email = Les personnes qui suivent le groupe par courriel, ajoutées par un membre avec leur accord.
register-data = Catégories de données
register-data-identity = Identifiant Matrix, nom affiché, association représentée.
register-data-texts = Textes écrits dans les commandes : points et notes d'ordre du jour, décisions, actions, rappels, sondages.
register-data-answers = Réponses aux sondages et aux propositions de dates ; présences aux réunions ; approbations des comptes rendus.
register-data-guests = Invités : nom, organisme ou rôle, sujet.
register-data-guests-email = Invités : nom, organisme ou rôle, sujet, et adresse électronique quand elle est donnée.
register-data-email = Personnes suivant par courriel : nom, association, adresse électronique ; les courriels qui leur sont envoyés et leurs réponses par lien personnel.
register-data-web = Page web privée : aucune donnée de plus ; ses liens sont gardés sous forme d'empreinte.
register-recipients = Destinataires
register-recipients-members = Les membres des salons du groupe.
register-recipient-homeserver = Le serveur Matrix (hébergeur des salons)
register-recipient-smtp = Le fournisseur de courriel (SMTP)
register-transfers = Transferts hors de l'Union européenne
register-transfer-none = aucun (serveur de cette machine, d'un réseau privé ou d'un domaine de l'Union)
register-transfer-check = à vérifier (rien dans son nom ne dit où il se trouve)
register-retention = Durées de conservation
register-security = Mesures de sécurité
register-security-e2ee = Chiffrement de bout en bout des salons chiffrés (Matrix) ; le bot vérifie ses appareils par signature croisée et sauvegarde ses clés.
register-security-store = Le magasin Matrix du bot (clés de chiffrement comprises) est chiffré par une phrase secrète ; ses fichiers ne sont lisibles que par le compte du bot.
register-security-backup-passphrase = Sauvegardes chiffrées (age) par une phrase secrète gardée hors de la machine de sauvegarde.
register-security-backup-recipient = Sauvegardes chiffrées (age) pour une clé publique : seule la clé secrète correspondante les relit.
register-security-backup-missing = Sauvegardes : aucune clé n'est configurée (section `[backup]`) ; `concerto backup` refuse d'écrire une archive non chiffrée.
register-security-tokens = Les liens de la page et les liens personnels ne sont gardés que sous forme d'empreinte, et ne sont jamais journalisés.
register-security-power = Accès par niveau de pouvoir dans le salon : les actions sensibles sont réservées aux modérateurs.
register-security-logs = Journaux : au niveau habituel (info), des identifiants et des nombres seulement, ni noms, ni textes, ni adresses.
register-security-smtp-tls = Les courriels partent chiffrés (TLS) vers le fournisseur.
register-security-smtp-local = Les courriels partent sans chiffrement, vers un serveur de cette machine seulement.
register-pdf-status = Fiche établie le { $date }
anonymous-answer = une réponse anonyme

## !mes-données : la copie de ce que le bot garde sur une personne

subject-title = Ce que Concerto garde sur { $person }
subject-made = Copie faite le { $date } (RGPD, art. 15). La même copie est jointe au format JSON.
subject-nothing = Concerto ne garde rien sur vous.
subject-associations = Votre association, par salon
subject-agenda-items = Points d'ordre du jour que vous avez ajoutés
subject-notes = Notes que vous avez écrites
subject-decisions = Décisions (et versions) que vous avez enregistrées
subject-actions = Actions que vous avez créées ou qui vous sont confiées
subject-reminders = Rappels que vous avez programmés
subject-polls = Sondages que vous avez lancés
subject-answers = Vos réponses
subject-answer-poll = sondage { $number } « { $question } » : { $choice }
subject-answer-dates = proposition de dates : date { $option }
subject-answer-dates-if-need-be = proposition de dates : date { $option }, si nécessaire
subject-answer-attendance = présence à la réunion du { $meeting } : { $answer ->
    [yes] présent
    [no] excusé
   *[none] sans réponse
}
subject-approvals = Comptes rendus approuvés pour votre association
subject-approval = réunion du { $meeting }
subject-guests = Invités que vous avez ajoutés
subject-people = Personnes que vous avez inscrites aux courriels (adresses masquées)
subject-mandates = Mandats que vous avez donnés, notés, retirés ou que vous portez
subject-contacts = Contacts que vous avez ajoutés au carnet d'adresses
subject-sent = Je vous envoie ce que je garde sur vous dans un salon privé et chiffré, à vous seul (la première fois, acceptez son invitation). Pour l'effacer : `!oublie-moi`.
subject-intro = Voici ce que Concerto garde sur vous : en texte lisible (Markdown) et en JSON. Pour effacer ce qui vous concerne, écrivez `!oublie-moi` dans le salon du groupe.
subject-intro-empty = Concerto ne garde rien sur vous : les deux fichiers ci-dessous le disent.
help-my-data-summary = `!mes-données` — une copie de tout ce que le bot garde sur vous, envoyée à vous seul
help-my-data-details =
    `!mes-données` vous envoie, dans un salon privé et chiffré que le bot ouvre avec vous, tout ce qu'il garde sur vous : votre association, les points, notes, décisions, actions, rappels et sondages que vous avez écrits, vos réponses et présences, les comptes rendus approuvés, les personnes que vous avez ajoutées (adresses masquées), avec leurs dates — en texte lisible (Markdown) et en JSON.
help-my-data-example = !mes-données
help-forget-me-summary = `!oublie-moi` — effacer ce qui vous concerne (après confirmation)
help-forget-me-details =
    `!oublie-moi` dit ce qui sera effacé et ce qui restera, puis `!oublie-moi confirmer` l'efface : vos réponses aux sondages et aux dates (les résultats déjà clos restent, sans votre nom), vos rappels, vos présences aux réunions à venir, votre rattachement à une association ; dans le registre (décisions, actions, ordres du jour), votre nom est remplacé par votre association. Un procès-verbal adopté est figé et signé par son empreinte : il n'est pas réécrit.
help-forget-me-example = !oublie-moi
subject-file = mes-donnees
erased-member-of = un membre ({ $association })
erased-member = un membre
forget-nothing = Concerto ne garde rien sur vous : il n'y a rien à effacer.
forget-asked = **Effacer ce qui vous concerne ?**
    - Seront effacés : vos réponses ({ $answers }) aux sondages, aux dates et aux réunions à venir, vos rappels ({ $reminders }){ $associations ->
        [0] {""}
       *[other] , votre rattachement à { $association_names }
    }. Les résultats des sondages déjà clos restent, sans votre nom.
    - Resteront dans le registre du groupe, sous « un membre » et votre association : { $record } { $record ->
        [one] élément
       *[other] éléments
    } (points, notes, décisions, actions, sondages, approbations, personnes ajoutées), et votre présence aux réunions tenues.
    - Un procès-verbal adopté n'est pas réécrit : il est figé et signé par son empreinte, qui ne correspondrait plus.
    Pour confirmer, écrivez dans l'heure : `!oublie-moi confirmer`
forget-confirm-first = Aucune demande d'effacement n'attend : écrivez d'abord `!oublie-moi` (je dirai ce qui sera effacé), puis `!oublie-moi confirmer` dans l'heure.
forgotten = C'est fait : { $deleted } { $deleted ->
        [one] élément effacé
       *[other] éléments effacés
    }, { $anonymized } { $anonymized ->
        [one] réponse gardée
       *[other] réponses gardées
    } sans votre nom dans les résultats clos, et votre nom remplacé par votre association à { $relabelled } { $relabelled ->
        [one] endroit
       *[other] endroits
    } du registre. Les procès-verbaux adoptés ne sont pas réécrits : ils sont figés et signés par leur empreinte.
subject-known-by-email = Votre inscription aux courriels, par salon
subject-emails = Courriels qui vous ont été envoyés (objet ; vide une fois le texte effacé)
email-person-erased = { $name } ({ $association }), n° { $number } des courriels, a demandé l'effacement de ses données depuis sa page personnelle : la personne est retirée de la liste et ses réponses en cours sont effacées (les résultats clos restent, sans son nom).
web-data-title = Vos données
web-data-intro = Voici tout ce que Concerto garde sur vous. Le même contenu, pour un programme :
web-data-json = télécharger au format JSON
web-data-link = Voir ou effacer mes données
web-forget-title = Effacer mes données
web-forget-ask = Vos réponses en cours seront effacées, votre inscription aux courriels et votre adresse aussi ; les résultats déjà clos restent, sans votre nom. Vous ne recevrez plus rien. Ce lien cessera de fonctionner.
web-forget-confirm = Je veux effacer mes données
web-forget-button = Effacer mes données
web-forget-done = C'est fait : vos données sont effacées et vous ne recevrez plus de courriels du groupe.
web-forget-unconfirmed = Cochez la case pour confirmer l'effacement.

## !règle : la règle du salon pour une position commune

rule-label = Règle
rule-unanimity = unanimité
rule-consent = consentement
rule-majority = majorité de { $needed } { $needed ->
    [one] association
   *[other] associations
}
rule-unanimity-meaning = une position est commune quand chaque association a répondu et que toutes ont choisi la même option.
rule-consent-meaning = une position est adoptée sauf si une association s'y oppose : les associations qui ont répondu ont toutes choisi la même option ; une association qui n'a pas répondu à la clôture d'un sondage à échéance est comptée comme ne s'opposant pas (les résultats le disent).
rule-majority-meaning = une position est commune quand au moins { $needed } { $needed ->
    [one] association a
   *[other] associations ont
} choisi la même option.
rule-current = Règle du salon pour une position commune : **{ $rule }** — { $meaning }
    Un modérateur peut la changer : `!règle unanimité`, `!règle consentement` ou `!règle majorité 3`.
rule-changed = Règle du salon pour une position commune : **{ $rule }** — { $meaning } Elle s'applique aux résultats de tous les sondages.
rule-majority-too-high = Une majorité de { $needed } associations est impossible : ce salon en compte { $count }. Exemple : `!règle majorité { $count }`
rule-refused = Seul un modérateur du salon peut changer la règle d'une position commune.
rule-silent-consent = Sans réponse à l'échéance, comptées comme ne s'opposant pas : { $associations }.
help-rule-summary = `!règle` — la règle du salon pour une position commune (unanimité, consentement, majorité)
help-rule-details =
    `!règle` montre la règle du salon. Un modérateur la change : `!règle unanimité` (par défaut : chaque association a répondu et toutes ont choisi la même option), `!règle consentement` (adopté sauf si une association s'y oppose ; à la clôture d'un sondage à échéance, une association qui n'a pas répondu ne s'oppose pas), `!règle majorité 3` (au moins 3 associations ont choisi la même option). La règle figure dans les résultats, le registre et le procès-verbal.
help-rule-example = !règle consentement
example-rule-majority = !règle majorité 3
poll-guest-associations = Associations invitées (non comptées pour la position commune) : { $stances }
poll-guest-association-split = partagée
poll-guest-association-missing = pas de réponse
minutes-approve-guest-association = { $association } est une association invitée : elle n'approuve pas les comptes rendus. Un modérateur peut en faire une association membre : `!association membre { $association }`
association-list-guest-line = { $association } (association invitée : elle s'exprime sans compter pour la position commune) : { $members }
association-now-guest = { $association } est maintenant une **association invitée** : ses représentants ajoutent des points et répondent aux sondages et aux dates, mais leurs réponses sont montrées à part et ne comptent ni pour une position commune, ni pour l'approbation des comptes rendus, ni pour le classement des dates. Pour revenir : `!association membre { $association }`
association-now-member = { $association } est de nouveau une **association membre** : ses réponses comptent pour la position commune.
association-unknown = Je ne connais pas l'association « { $given } » dans ce salon. Associations connues : { $known }. Exemple : `!association invitée Emmaüs`
association-standing-refused = Seul un modérateur du salon peut faire d'une association une invitée ou une membre.
example-association-guest = !association invitée Emmaüs
poll-results-hidden = **Sondage n° { $number } — résultats cachés jusqu'à la clôture** : { $question }
    - Associations qui ont répondu : { $answered }
    - En attente : { $awaited }
    - { $count ->
        [0] Aucune réponse
        [one] 1 réponse
       *[other] { $count } réponses
    } en tout. Les résultats seront donnés à la clôture : `!sondage clore { $number }`.
poll-hidden-nobody = aucune
poll-consent-agree = D'accord
poll-consent-concern = Réserve
poll-consent-object = Objection
poll-joint-objected = **Pas adopté : objection de { $associations }.**
poll-reason-too-long = Une raison tient en { $max } caractères au plus. Exemple : `!voter { $number } objection la date est trop proche`
poll-reason-noted = Raison notée : elle figurera dans les résultats, le registre et le procès-verbal.
poll-reason-asked = Pourquoi « { $option } » ? Donnez la raison en une fois : `!voter { $number } { $word } <raison>`
poll-reasons = **Raisons des réserves et objections**
poll-reasons-in-words = Raisons : { $reasons }.
poll-mandates-in-words = Par mandat : { $associations }.
example-poll-consent = !sondage consentement Nous co-signons la tribune sur le non-recours
poll-reason-asked-in-thread = { $pill }, pourquoi « { $option } » au sondage n° { $number } ? Répondez dans ce fil : votre prochain message ici sera noté comme raison.
anonymous-answers = { $count ->
    [one] une réponse anonyme
   *[other] { $count } réponses anonymes
}

## !mandat : la voix d'une association donnée à une autre

mandate-scope-meeting = la réunion du { $date }
mandate-scope-poll = le sondage n° { $number }
mandate-line = n° { $number } — { $giver } → { $holder }, pour { $scope } (donné par { $by })
mandate-line-noted = n° { $number } — { $giver } → { $holder }, pour { $scope } (noté par { $by }, modérateur)
mandate-given = Mandat enregistré : { $line }. { $giver } s'exprime par son mandataire : la réponse d'un représentant de { $giver } reste prioritaire. Pour le retirer : `!mandat retirer { $number }`
mandate-unknown-association = Je ne connais pas l'association « { $given } » dans ce salon. Associations membres : { $known }.
mandate-guest-gives = { $association } est une association invitée : elle ne donne pas de mandat, sa voix ne compte pas pour la position commune.
mandate-guest-holds = { $association } est une association invitée : elle ne peut pas recevoir de mandat.
mandate-no-representative = { $association } n'a aucun représentant dans ce salon : personne ne peut donner sa voix pour elle. Un modérateur peut d'abord lier un membre : `!association définir @membre:serveur { $association }`
mandate-to-itself = Un mandat se donne à une autre association ou à un membre d'une autre association, pas à { $association } elle-même.
mandate-holder-full = Ce mandataire porte déjà { $cap ->
    [one] un mandat
   *[other] { $cap } mandats
} (le maximum) : choisissez une autre association, ou retirez d'abord un mandat (`!mandats`).
mandate-already-given = Cette association a déjà donné le mandat n° { $number } pour cette réunion ou ce sondage : retirez-le d'abord (`!mandat retirer { $number }`).
mandate-no-meeting-on = Aucune réunion n'est prévue le { $date } dans ce salon.
mandate-no-next-meeting = Aucune réunion datée n'est prévue : donnez le mandat pour un sondage (`sondage 3`) ou fixez d'abord la date.
mandate-past-meeting = La réunion du { $date } est passée : un mandat vaut pour une réunion à venir.
mandate-poll-closed = Le sondage n° { $number } est clos : un mandat vaut pour un sondage ouvert.
mandate-poll-unknown = Il n'y a pas de sondage n° { $number } dans ce salon.
mandate-list-empty = Aucun mandat en cours. Exemple : `!mandat Croix-Rouge à Secours populaire pour le 12/03`
mandate-list-title = **Mandats en cours**
mandate-list-how = Pour en retirer un : `!mandat retirer 1`.
mandate-withdrawn = Mandat n° { $number } retiré : { $giver } ne s'exprime plus par { $holder }.
mandate-missing = Il n'y a pas de mandat en cours n° { $number }.
mandate-closed = Le mandat n° { $number } ne peut plus être retiré : son vote est clos.
mandate-by = { $association } (par mandat, { $holder })
mandate-void = Mandat n° { $number } sans effet : { $giver } a répondu elle-même (sa réponse l'emporte sur celle de { $holder }).
mandate-awaiting = Mandat n° { $number } : { $giver } attend la réponse de { $holder }.
mandate-refused = Seul un membre de { $owner } ou un modérateur du salon peut donner ou retirer son mandat.
attendance-line-by-mandate = { $association } : représentée par mandat ({ $holder })
minutes-letters = **Lettres envoyées**
minutes-letter-line = n° { $number } « { $title } », envoyée le { $date } à { $recipients } — { $status }
minutes-mandates = **Mandats**
help-mandate-summary = `!mandat` — une association absente donne sa voix à une autre pour une réunion ou un sondage
help-mandate-details =
    `!mandat <association> à <association | @membre:serveur> [pour le <date> | sondage <n>]` : un membre de l'association (ou un modérateur, qui le note) donne sa voix, pour la prochaine réunion (ses sondages du jour et l'approbation de son compte rendu), pour la réunion d'un jour donné, ou pour un seul sondage. Si un représentant de l'association répond lui-même, sa réponse l'emporte. Un mandataire porte au plus un mandat à la fois (réglage `decisions.max_mandates_per_holder`) ; une association invitée n'en donne ni n'en reçoit. `!mandats` les liste, `!mandat retirer 2` en retire un tant que le vote n'est pas clos. Les résultats disent « Croix-Rouge (par mandat, Secours populaire) », la présence « représentée par mandat », le compte rendu a une section « Mandats ».
help-mandate-example = !mandat Croix-Rouge à Secours populaire pour le 12/03
example-mandate-withdraw = !mandat retirer 2
example-mandate-list = !mandats

## !contact : le carnet d'adresses du groupe

contact-to-check = ⚠ à vérifier
contact-list-title = **Carnet d'adresses** ({ $count ->
    [one] 1 contact
   *[other] { $count } contacts
})
contact-search-title = **Contacts pour « { $words } »** ({ $count ->
    [one] 1 trouvé
   *[other] { $count } trouvés
})
contact-list-how = Un contact en entier (adresse comprise) : `!contact 3`. Toujours juste ? `!contact confirmer 3`.
contact-list-empty = Le carnet d'adresses est vide.
contact-search-none = Aucun contact ne correspond à « { $words } » (organisme, nom, rôle ou note, sans tenir compte des accents).
contact-title = Contact n° { $number }
contact-name = Nom
contact-role = Rôle
contact-phone = Téléphone
contact-email = Courriel
contact-note = Note
contact-added = Ajouté
contact-added-by = par { $by }, le { $date }
contact-confirmed = Confirmé le
contact-to-check-how = ⚠ **À vérifier** : personne ne l'a confirmé depuis longtemps. S'il est toujours juste : `!contact confirmer { $number }` ; sinon `!contact modifier { $number } …` ou `!contact retirer { $number }`.
contact-added-done = Contact n° { $number } ajouté au carnet d'adresses : { $line }
contact-changed = Contact n° { $number } modifié (et confirmé aujourd'hui) : { $line }
contact-confirmed-done = Contact n° { $number } confirmé aujourd'hui : { $line }
contact-removed = Contact n° { $number } retiré du carnet d'adresses : { $organisation } — { $name }.
contact-missing = Il n'y a pas de contact n° { $number } dans le carnet d'adresses.
contact-missing-organisation = Il manque l'organisme, avant le tiret.
contact-missing-name = Il manque le nom : l'organisme, un tiret, puis le nom et le rôle séparés par une virgule.
contact-missing-role = Il manque le rôle, après le nom et une virgule.
contact-not-a-phone = « { $given } » n'est pas un numéro de téléphone (dix chiffres commençant par 0, ou + et l'indicatif).
contact-not-an-email = « { $given } » n'est pas une adresse de courriel.
contact-twice = Un contact a un seul téléphone et une seule adresse : mettez les autres dans la note, après un second tiret.
contact-too-long = Une partie du contact fait { $length } caractères : { $max } au plus.
contact-change-refused = Seul un membre de l'association de la personne qui a ajouté le contact n° { $number } ({ $owner }) ou un modérateur du salon peut le modifier ou le retirer.
contact-reminder-title = **Contacts à vérifier** ({ $count }) : sont-ils toujours justes ?
contact-reminder-line = n° { $number } — { $organisation } — { $name } (confirmé le { $date }) : `!contact confirmer { $number }`
help-contact-summary = `!contact` — le carnet d'adresses du groupe : les contacts précis à la CAF, à la CPAM, à la Préfecture…
help-contact-details =
    `!contact ajouter <organisme> — <nom>, <rôle> [, <téléphone>] [, <courriel>] [— <note>]` ajoute un contact (coordonnées professionnelles seulement). `!contacts [mots]` cherche dans l'organisme, le nom, le rôle et la note, sans tenir compte des accents ni des majuscules ; les adresses y sont masquées, et entières dans `!contact <n>`. `!contact modifier <n> …` et `!contact retirer <n>` (un membre de l'association de qui l'a ajouté, ou un modérateur) ; `!contact confirmer <n>` dit qu'il est toujours juste. Un contact non confirmé depuis un an (réglage `contacts.confirm_after_days`) est marqué « à vérifier », et le rappel de la réunion, une semaine avant, les liste. La page du groupe a le carnet, avec sa recherche.
help-contact-example = !contact ajouter CAF 77 — Mme Durand, référente partenaires, 01 60 00 00 00, m.durand@caf77.example — situations d'urgence RSA
example-contact-search = !contacts prefecture
example-contact-show = !contact 3
example-contact-change = !contact modifier 3 CAF 77 — Mme Durand, référente partenaires, 01 60 00 00 01
example-contact-remove = !contact retirer 3
example-contact-confirm = !contact confirmer 3
web-letters = Lettres
web-letters-none = Aucune lettre commune pour l'instant. On en ouvre une dans le salon : `!plaidoyer nouveau …`.
web-letters-sent = envoyée le { $date }
web-letters-to = À l'attention de :
web-letters-pdf = La lettre signée (PDF)
web-letters-fingerprint = empreinte SHA-256
web-letters-answer = Réponse notée le { $date }
web-contacts = Carnet d'adresses
web-contacts-search-label = Chercher un contact (organisme, nom, rôle, note)
web-contacts-none = Aucun contact ne correspond.
web-contacts-empty = Le carnet d'adresses est vide. On y ajoute un contact dans le salon : `!contact ajouter …`.
web-contacts-confirmed = confirmé le { $date }

## !plaidoyer : les lettres communes

letter-status-draft = brouillon
letter-status-approved = approuvée
letter-status-sent = envoyée
letter-status-answered = réponse reçue
letter-status-unanswered = sans réponse
letter-list-empty = Aucune lettre de plaidoyer pour l'instant.
letter-list-title = **Lettres de plaidoyer**
letter-list-line = n° { $number } — { $title } — { $status }
letter-missing = Il n'y a pas de lettre n° { $number }.
letter-nobody = aucune
letter-approvals = Approuvée par : { $approved } — en attente : { $awaited }
letter-title = **Lettre n° { $number } — { $title }**
letter-status-line = Statut : { $status } (version { $version })
letter-from-poll = Issue du sondage n° { $poll }
letter-no-recipients = Destinataires : aucun pour l'instant
letter-recipients = Destinataires : { $recipients }
letter-fingerprint = Empreinte SHA-256 : `{ $fingerprint }`
letter-no-text = Pas encore de texte.
letter-how-to-approve = Chaque association l'approuve : `!plaidoyer approuver { $number } version { $version }`.
letter-opened = Lettre n° { $number } ouverte : « { $title } ». Écrivez son texte : `!plaidoyer texte { $number } …`, puis ses destinataires : `!plaidoyer destinataires { $number } <nom> <adresse> ; …`.
letter-opened-from-poll = Lettre n° { $number } ouverte depuis le sondage n° { $poll } : « { $title } », position commune « { $position } » reprise comme premier texte. À compléter : `!plaidoyer texte { $number } …`, puis `!plaidoyer destinataires { $number } <nom> <adresse> ; …`.
letter-position-text =
    { $question }

    Position commune des associations : { $position }.
letter-no-poll = Il n'y a pas de sondage n° { $number }.
letter-poll-without-position = Le sondage n° { $number } n'a pas de position commune : une lettre commune part d'une position que toutes les associations partagent.
letter-already-sent = La lettre n° { $number } est déjà partie (le { $date }) : elle ne change plus.
letter-too-long = Une lettre tient en { $max } caractères au plus ; celle-ci en a { $length }.
letter-text-changed = Texte de la lettre n° { $number } enregistré (version { $version }).
letter-recipients-set = Destinataires de la lettre n° { $number } enregistrés (version { $version }) : { $recipients }.
letter-approvals-withdrawn = Le texte a changé : les approbations de la version précédente sont retirées, chaque association approuve à nouveau.
letter-recipients-none = Aucun destinataire : le nom puis l'adresse, séparés par des points-virgules.
letter-recipient-incomplete = « { $given } » : il faut un nom puis une adresse de courriel.
letter-recipient-bad-address = « { $given } » n'est pas une adresse de courriel.
letter-recipients-too-many = Une lettre a { $max } destinataires au plus.
letter-needs-text = La lettre n° { $number } n'a pas encore de texte : on approuve un texte.
letter-needs-recipients = La lettre n° { $number } n'a pas encore de destinataires : on approuve une lettre adressée.
letter-version-changed = La lettre n° { $number } a changé depuis la version { $seen } : elle en est à la version { $version }. Relisez-la (`!plaidoyer { $number }`), puis `!plaidoyer approuver { $number } version { $version }`.
letter-already-approved = La lettre n° { $number } est déjà approuvée par toutes les associations.
letter-approve-guest-association = { $association } est une association invitée : elle ne signe pas les lettres communes.
letter-approve-without-association = Pour approuver une lettre, il faut représenter une association du salon. Un modérateur peut vous y rattacher : `!association set @vous:serveur Croix-Rouge`
letter-approved-by = { $association } approuve la lettre n° { $number } (version { $version }).
letter-signed-place-date = { $place }, le { $date }
letter-signed-date = Le { $date }
letter-signed-to = **À l'attention de :** { $recipients }
letter-signatories = **Signataires :**
letter-pdf-name = lettre-{ $number }.pdf
letter-pdf-foot = Lettre n° { $number } approuvée le { $date } — empreinte SHA-256 { $fingerprint }
letter-not-approved = La lettre n° { $number } n'est pas encore approuvée par toutes les associations : elle part une fois signée de toutes.
letter-no-email = L'envoi par courriel n'est pas configuré pour ce groupe (section `[email]` du réglage) : la lettre ne peut pas partir d'ici.
letter-sent-decision = « { $title } » (lettre n° { $number }) envoyée le { $date } à { $recipients }.
letter-sending = La lettre n° { $number } part vers { $count ->
    [one] son destinataire
   *[other] ses { $count } destinataires
}, le PDF signé joint ; je dirai ici quand elle sera partie. Inscrite au registre : décision n° { $decision }.
letter-answer-before-sending = La lettre n° { $number } n'est pas encore envoyée : une réponse se note après l'envoi.
letter-answer-recorded = Réponse n° { $count } à la lettre n° { $number } notée.
letter-gone-out = ✉️ La lettre n° { $number } « { $title } » est partie : { $count ->
    [one] 1 courriel
   *[other] { $count } courriels
} ({ $recipients }).
letter-given-up = { $count ->
    [one] 1 courriel n'a pas pu partir
   *[other] { $count } courriels n'ont pas pu partir
} : vérifiez les adresses (`!plaidoyer { $number }`).
letter-follow-up = { $sender } ✉️ Pas de réponse à la lettre n° { $number } « { $title } », envoyée le { $date } (il y a { $days } jours ou plus). Envoyer une relance ? `!plaidoyer nouveau Relance : { $title }` ; une réponse arrivée se note avec `!plaidoyer réponse { $number } …`.
letter-sent-on = Envoyée le { $date }
letter-answer-line = Réponse n° { $number } (notée le { $date } par { $by }) : { $text }
letter-text-missing = Il manque le texte de la lettre n° { $number } : écrivez-le après le numéro, ou répondez à un fichier Markdown ou texte avec `!plaidoyer texte { $number }`.
letter-file-unreadable = Je ne peux pas lire « { $name } » comme un texte : envoyez un fichier Markdown (.md) ou texte (.txt) en UTF-8, ou collez le texte après la commande.
letter-answer-missing = Il manque la réponse à la lettre n° { $number } : écrivez-la après le numéro, ou répondez au fichier reçu avec `!plaidoyer réponse { $number }`.
letter-answer-file = Fichier joint : { $name }
letter-frozen = **Lettre n° { $number } approuvée par { $count ->
    [1] l'association
    [2] les deux associations
    [3] les trois associations
    [4] les quatre associations
    [5] les cinq associations
   *[other] les { $count } associations
}** : « { $title } ». Le texte signé est figé, empreinte SHA-256 : `{ $fingerprint }`. Le PDF suit.
help-advocacy-summary = `!plaidoyer` — les lettres communes aux institutions, approuvées par chaque association
help-advocacy-details =
    `!plaidoyer nouveau <titre>` ouvre une lettre (ou `!plaidoyer nouveau depuis sondage <n>` à partir d'une position commune) ; `!plaidoyer texte <n> <texte>` (plusieurs lignes possibles, ou en réponse à un fichier .md ou .txt) et `!plaidoyer destinataires <n> <nom> <adresse> ; …` l'écrivent — chaque changement fait une nouvelle version et retire les approbations. `!plaidoyer <n>` la montre, `!plaidoyers` les liste. `!plaidoyer approuver <n> [version <v>]`, une fois par association : quand toutes ont approuvé, la lettre est figée avec son empreinte SHA-256 et imprimée en PDF, chaque association nommée comme signataire. `!plaidoyer envoyer <n>` l'envoie par courriel à chaque destinataire (PDF joint, une seule fois) et l'inscrit au registre ; `!plaidoyer réponse <n> <texte>` note une réponse. Sans réponse au bout de 30 jours (réglage `advocacy.follow_up_days`), je le rappelle au salon une fois.
help-advocacy-example = !plaidoyer nouveau Lettre au Préfet sur les gymnases
example-advocacy-list = !plaidoyers
example-advocacy-show = !plaidoyer 2
example-advocacy-text = !plaidoyer texte 2 Monsieur le Préfet, …
example-advocacy-recipients = !plaidoyer destinataires 2 Cabinet du Préfet cabinet@prefet77.example ; Conseil départemental presidence@departement77.example
example-advocacy-approve = !plaidoyer approuver 2
example-advocacy-send = !plaidoyer envoyer 2
example-advocacy-answer = !plaidoyer réponse 2 Le cabinet du Préfet nous reçoit le 12 janvier.
error-title-too-long = Un titre tient en { $max } caractères au plus ; celui-ci en a { $length }.
help-training-summary = `!formation` — les formations communes des bénévoles : places, inscriptions, liste d'attente, émargement, bilan
help-training-details =
    `!formation ajouter <titre> le <date> [à <lieu>] [places <n>] [— <description>]` annonce une formation, organisée par votre association ; `!formations` liste celles à venir avec les places restantes, `!formation <n>` la montre avec les inscrits par association. On s'inscrit d'un ✅ sous l'annonce, ou par `!formation inscrire <n>` — pour soi, pour un membre (`@membre:serveur`) ou pour un·e bénévole sans compte Matrix (`Jean Dupont (Croix-Rouge)`). Au-delà des places, on est en liste d'attente, dans l'ordre : quand quelqu'un se désinscrit (`!formation désinscrire <n> [qui]`), la première personne en attente passe inscrite et je la préviens. La veille à 9 h, je rappelle la formation aux inscrits (et par courriel, avec le .ics, aux personnes suivies par courriel). `!formation annuler <n>` (son auteur ou un modérateur) prévient tous les inscrits. `!formation émargement <n>` donne la feuille d'émargement en PDF ; après la formation, `!formation présents <n> <qui> …` note qui est venu, et `!formations bilan [année]` fait le bilan par association.
help-training-example = !formation ajouter Accueil des personnes exilées le 14/01 9h30 à Melun places 12 — avec la Cimade
example-training-list = !formations
example-training-show = !formation 2
example-training-sign-up = !formation inscrire 2 Jean Dupont (Croix-Rouge)
example-training-withdraw = !formation désinscrire 2
example-training-cancel = !formation annuler 2
example-training-sheet = !formation émargement 2
example-training-attended = !formation présents 2 @alice:exemple.org Jean Dupont (Croix-Rouge)
example-training-summary = !formations bilan 2026
error-expected-year = « { $given } » n'est pas une année. Exemple : `{ $example }`
training-whole-day = { $day } (toute la journée)
training-name = la formation { $number } { $title }
training-title = Formation { $number } —
training-organised-by = organisée par { $association }
training-signed-up-count = { $count ->
    [0] aucun inscrit pour l'instant
    [one] 1 inscrit
   *[other] { $count } inscrits
}
training-seats = { $left ->
    [0] complet ({ $seats } places){ $waiting ->
        [0] {""}
       *[other] , { $waiting } en attente
    }
    [one] 1 place restante sur { $seats }
   *[other] { $left } places restantes sur { $seats }
}
training-seats-new = { $seats } places : au-delà, les inscriptions vont en liste d'attente, dans l'ordre.
training-how-to-sign-up = Pour vous inscrire : ✅ sous ce message, ou `!formation inscrire { $number }`. Pour un·e bénévole sans compte : `!formation inscrire { $number } Jean Dupont (Croix-Rouge)`.
training-list-empty = Aucune formation à venir.
training-list-title = **Formations à venir ({ $count })**
training-list-how = `!formation <n>` montre les inscrits ; `!formation inscrire <n>` ou ✅ sous l'annonce pour s'inscrire.
training-is-cancelled = ❌ **Annulée.**
training-nobody-yet = Personne n'est encore inscrit : ✅ sous l'annonce, ou `!formation inscrire { $number }`.
training-waiting-title = **Liste d'attente**, dans l'ordre :
training-signed-up = ✅ { $who } : inscription à { $training } notée. { $left ->
    [-1] {""}
    [0] C'était la dernière place.
    [one] Il reste 1 place.
   *[other] Il reste { $left } places.
}
training-waiting = ⏳ { $training } est complète : { $who } est en liste d'attente, en position { $rank }. Je préviendrai si une place se libère.
training-withdrawn = { $who } n'est plus inscrit·e à { $training }.
training-moved-up = { $pill } : une place s'est libérée, vous êtes inscrit·e à { $training }, { $when }.
training-moved-up-for = { $pill } : une place s'est libérée pour { $who } à { $training }, { $when } — merci de le lui dire.
training-cancelled = ❌ { $training }, prévue { $when }, est **annulée**.
training-reminder = ⏰ Rappel : { $training }, c'est demain — { $when }.
training-place = Lieu
training-date = Date
training-organiser = Organisée par
training-volunteers = Bénévoles inscrits sans compte
training-missing-title = Il manque le titre de la formation, avant la date.
training-missing-date = Il manque la date de la formation (« le 14/01 9h30 »).
training-bad-date = Je n'ai pas pu lire la date de la formation.
training-in-past = Cette date est déjà passée : une formation s'annonce avant d'avoir lieu.
training-no-seats = Une formation a au moins une place (ou aucune limite : sans `places`).
training-bad-seats = « { $given } » n'est pas un nombre de places.
training-title-too-long = Le titre tient en { $max } caractères au plus ; celui-ci en a { $length }.
training-place-too-long = Le lieu tient en { $max } caractères au plus ; celui-ci en a { $length }.
training-description-too-long = La description tient en { $max } caractères au plus ; celle-ci en a { $length }.
training-bad-member = « { $given } » n'est pas un identifiant Matrix complet (`@nom:serveur`).
training-missing-name = Il manque le nom, avant l'association entre parenthèses.
training-name-too-long = Un nom tient en { $max } caractères au plus ; celui-ci en a { $length }.
training-missing = Il n'y a pas de formation n° { $number }.
training-refused-cancelled = Cette formation est annulée.
training-refused-begun = Cette formation a déjà commencé : les inscriptions sont closes.
training-refused-not-begun = Cette formation n'a pas encore eu lieu : les présents se notent le jour même ou après.
training-already-signed-up = { $who } est déjà inscrit·e à cette formation.
training-not-signed-up = { $who } n'est pas inscrit·e à cette formation.
training-no-association = Dites de quelle association est cette personne, entre parenthèses (votre association n'est pas connue : `!association`).
training-unknown-association = Aucune association du salon ne s'appelle « { $given } ».
training-full = Cette formation a déjà { $max } personnes inscrites ou en attente : c'est le maximum.
training-one-person = Une personne à la fois ici.
training-attended = { $count ->
    [0] Personne n'est noté présent à { $training }.
    [one] 1 présent noté à { $training } : { $people }.
   *[other] { $count } présents notés à { $training } : { $people }.
}
training-attended-added = Pas inscrits mais venus, ajoutés : { $people }.
training-sheet-sent = La feuille d'émargement de { $training } ({ $count } personnes) suit, en PDF.
training-sheet-file = emargement-{ $day }-formation-{ $number }.pdf
training-sheet-title = Feuille d'émargement — { $title }
training-sheet-name = Nom
training-sheet-association = Association
training-sheet-signature = Signature
training-sheet-status = Feuille d'émargement — à signer par chaque participant
training-summary-empty = Aucune formation en { $year }.
training-summary-title = **Bilan des formations { $year }**
training-summary-line = { $organised ->
    [0] aucune formation organisée
    [one] 1 formation organisée
   *[other] { $organised } formations organisées
}, { $trained ->
    [0] aucune personne formée
    [one] 1 personne formée
   *[other] { $trained } personnes formées
} ({ $attendances ->
    [one] 1 présence
   *[other] { $attendances } présences
})
training-summary-how = Une personne est comptée formée quand `!formation présents` l'a notée venue.
email-training-reminder-subject = Rappel : { $title }, demain
email-training-reminder-intro = La formation « { $title } » a lieu demain, { $when }.
email-training-cancelled-subject = Annulée : { $title }
email-training-cancelled-intro = La formation « { $title } », prévue { $when }, est annulée.
email-training-calendar = L'invitation est jointe pour votre agenda.
training-cancel-refused = Seule la personne qui a annoncé la formation n° { $number } ({ $author }) ou un modérateur du salon peut l'annuler.
training-withdraw-refused = Seuls la personne qui l'a inscrite, un membre de son association ({ $owner }) ou un modérateur du salon peuvent désinscrire quelqu'un d'autre de la formation n° { $number }.
training-no-organiser = Je ne sais pas de quelle association vous êtes : c'est elle qui organise la formation. Un modérateur peut vous y rattacher avec `!association <nom> @vous:serveur`.
training-member-without-association = { $who } n'est rattaché·e à aucune association du salon (`!association <nom> @membre:serveur`).
training-calendar-file = formation-{ $number }.ics
training-anonymous = une personne (anonymisée)
privacy-kept-trainings = Les inscriptions aux formations (un membre, ou le nom et l'association d'un·e bénévole noté·e par un membre) : { $days } jours après la formation ; ensuite l'inscription reste, pour son association, sans nom.
subject-trainings = Inscriptions aux formations (les vôtres, et celles que vous avez faites)
register-data-trainings = Formations : les inscrits (membre, ou nom et association d'un·e bénévole sans compte), qui est venu.
web-trainings = Formations
web-trainings-coming = À venir
web-trainings-past = Passées
web-trainings-none = Aucune.
web-trainings-seats = { $seats ->
    [-1] { $seated } inscrits
   *[other] { $seated } inscrits sur { $seats } places{ $waiting ->
        [0] {""}
       *[other] , { $waiting } en attente
    }
}
web-trainings-waiting = Liste d'attente, dans l'ordre :
web-trainings-cancelled = annulée
web-trainings-came = { $count ->
    [0] Personne n'est noté présent.
   *[other] Présents ({ $count }) : { $people }
}
web-trainings-summary = Bilan { $year }
web-trainings-organised = Formations organisées
web-trainings-trained = Personnes formées
web-trainings-attendances = Présences
export-trainings-header = numéro,titre,date,lieu,organisatrice,places,annulée,personne,association,en attente,présent
export-yes = oui
export-no = non
help-group-summary = `!groupe` — les groupes de travail, chacun dans son salon, qui font rapport au salon plénier
help-group-details =
    `!groupe créer <nom> [jusqu'au <date>] [@membre …]` crée un salon chiffré au nom du groupe et y invite les membres nommés (et vous) ; dans un espace Matrix quand le salon plénier en a un et que je peux y ajouter le salon. D'autres le rejoignent par `!groupe rejoindre <nom>` ici. Dans le salon du groupe, l'ordre du jour, les notes, les actions, les décisions, les rappels et le compte rendu fonctionnent comme ici, numérotés à part, avec les associations de ce salon. Ce que le groupe décide, ce sont des propositions : `!groupe rapport` (dans son salon) envoie ici ses décisions et ses actions en cours depuis le dernier rapport, et `!décision adopte la proposition n° 2 du groupe <nom>` en adopte une. `!groupes` les liste. À la date de fin, je demande ici une fois s'il faut le clore (`!groupe clore <nom>`) ou le prolonger (`!groupe prolonger <nom> jusqu'au <date>`) ; un groupe clos garde son salon, où je ne réponds plus. Un salon qui existe déjà : invitez-moi, dites-y `!groupe rattacher <nom>`, puis un modérateur d'ici confirme par la même commande ici.
help-group-example = !groupe créer Non-recours jusqu'au 30/06/2027 @alice:exemple.org
example-group-list = !groupes
example-group-join = !groupe rejoindre Non-recours
example-group-report = !groupe rapport
example-group-close = !groupe clore Non-recours
example-group-extend = !groupe prolonger Non-recours jusqu'au 31/12/2027
example-group-attach = !groupe rattacher Non-recours
group-until = jusqu'au { $day }
group-until-part = {" "}({ $until })
group-created = Groupe de travail { $name } créé{ $until } : je crée son salon chiffré et j'y invite { $people }. Son salon : { $link } — d'autres le rejoignent par `!groupe rejoindre { $plain }`.
group-welcome = Salon du groupe de travail { $name }{ $until }. Ici, l'ordre du jour, les notes, les actions, les décisions, les rappels et le compte rendu fonctionnent comme dans le salon plénier (`!aide`), numérotés à part. Ce que le groupe décide, ce sont des propositions : `!groupe rapport` les envoie au salon plénier.
group-list-empty = Aucun groupe de travail.
group-list-title = **Groupes de travail ({ $count })**
group-last-report = dernier rapport le { $date }
group-no-report = aucun rapport encore
group-closed-on = clos le { $date }
group-list-how = `!groupe rejoindre <nom>` pour y entrer ; `!groupe rapport` dans le salon d'un groupe envoie son rapport ici.
group-report-title = **Rapport du groupe { $name }** (premier rapport)
group-report-title-since = **Rapport du groupe { $name }** (depuis le { $date })
group-report-no-proposal = Aucune nouvelle proposition.
group-report-proposals = **Propositions** (décisions du groupe) :
group-report-adopt = Pour en adopter une : `!décision adopte la proposition n° { $number } du groupe { $plain }`.
group-report-no-action = Aucune action en cours.
group-report-actions = **Actions en cours** :
group-report-sent = Rapport envoyé au salon plénier ({ $count ->
    [0] aucune proposition
    [one] 1 proposition
   *[other] { $count } propositions
}).
group-end-question = { $pill } : le groupe { $name } arrive à sa date de fin. Le clore : `!groupe clore { $plain }` ; le prolonger : `!groupe prolonger { $plain } jusqu'au <date>`.
group-closed = Le groupe { $name } est clos. Son salon reste, je n'y réponds plus ; son registre reste sur la page du salon plénier.
group-closed-here = Le groupe { $name } est clos : ce salon reste, mais je n'y réponds plus. Son registre est sur la page du salon plénier.
group-extended = Le groupe { $name } est prolongé { $until }.
group-invited = Invitation envoyée à { $who } dans le salon du groupe { $name }.
group-attach-asked = Demande notée : ce salon deviendra le groupe de travail « { $plain } » quand un modérateur du salon plénier l'aura confirmé là-bas par `!groupe rattacher { $plain }`.
group-attached = Le salon est rattaché : c'est maintenant le groupe de travail { $name }.
group-attached-here = Le salon plénier a confirmé : ce salon est le groupe de travail { $name }. Ses décisions sont des propositions : `!groupe rapport` les y envoie.
group-missing-name = Il manque le nom du groupe.
group-name-too-long = Un nom de groupe tient en { $max } caractères au plus ; celui-ci en a { $length }.
group-too-many-members = { $count } membres nommés : { $max } au plus ; les autres rejoindront par `!groupe rejoindre`.
group-name-taken = Il y a déjà un groupe « { $plain } » ici : choisissez un autre nom.
group-unknown = Il n'y a pas de groupe « { $plain } » ici (`!groupes` les liste).
group-is-closed = Le groupe « { $plain } » est clos.
group-bad-until = « { $typed } » n'est pas une date à venir.
group-missing-until = Il manque la nouvelle date de fin (« jusqu'au 31/12/2027 »).
group-not-in-group = Cette commande se dit dans le salon d'un groupe de travail.
group-in-group = Un groupe se crée depuis le salon plénier, pas depuis le salon d'un groupe.
group-awaiting-confirmation = Ce salon attend que le salon plénier confirme son rattachement (un modérateur là-bas : `!groupe rattacher <nom>`).
group-no-attach-request = Aucun salon n'a demandé à devenir le groupe « { $plain } » : dites d'abord `!groupe rattacher { $plain }` dans ce salon-là (après m'y avoir invité).
group-already-attached = Ce salon est déjà un groupe de travail.
group-proposal-missing = Le groupe « { $plain } » n'a pas de proposition n° { $number }.
group-proposal-adopted = La proposition n° { $number } du groupe « { $plain } » est déjà adoptée.
group-confirm-refused = Seul un modérateur du salon plénier peut rattacher un salon comme groupe de travail.
web-groups = Groupes
web-groups-none = Aucun groupe de travail.
web-groups-open = en cours
web-groups-proposals = Propositions
web-groups-adopted = adoptée

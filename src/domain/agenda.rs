//! The agenda of a meeting: items in order, urgent ones first, and the rules for numbering,
//! moving and carrying items over. Plain data and functions; storage loads and saves them.
//!
//! Numbers are what the room sees: an item's number is its place in the list as shown
//! (urgent items first, then the others, each group in its own order), so the list always
//! reads 1, 2, 3… and `!agenda retirer 2` means the second line of the last list.

use chrono::{DateTime, Utc};

use super::ids::{EventId, ItemId, UserId};

/// The longest item text accepted, in characters.
pub const MAX_ITEM_LENGTH: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    Open,
    Treated,
    /// Removed from the agenda by its author or a moderator.
    Withdrawn,
    /// Not treated when its meeting took place: a copy stands on the next meeting's agenda.
    CarriedOver,
}

impl ItemStatus {
    pub fn code(self) -> &'static str {
        match self {
            ItemStatus::Open => "open",
            ItemStatus::Treated => "treated",
            ItemStatus::Withdrawn => "withdrawn",
            ItemStatus::CarriedOver => "carried_over",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "open" => Some(ItemStatus::Open),
            "treated" => Some(ItemStatus::Treated),
            "withdrawn" => Some(ItemStatus::Withdrawn),
            "carried_over" => Some(ItemStatus::CarriedOver),
            _ => None,
        }
    }

    /// Whether the item shows on its meeting's agenda.
    pub fn is_listed(self) -> bool {
        matches!(self, ItemStatus::Open | ItemStatus::Treated)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    pub id: ItemId,
    pub text: String,
    pub author: UserId,
    /// The author's display name when the item was added.
    pub author_name: Option<String>,
    pub urgent: bool,
    pub status: ItemStatus,
    /// Order within its group (urgent or not); only relative values matter.
    pub position: i64,
    pub created_at: DateTime<Utc>,
    /// The meeting (its date) this item was carried over from, if it was.
    pub carried_from: Option<DateTime<Utc>>,
    /// The message that added it, so that an edit of that message updates the item.
    pub source_event: Option<EventId>,
}

/// What was said or agreed on an item (`!agenda note <n> <text>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemNote {
    pub text: String,
    pub author: UserId,
    /// The author's display name when the note was taken.
    pub author_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Why an agenda operation cannot be done; each variant says what the room needs to know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgendaError {
    #[error("no item number {number} (the agenda has {count})")]
    NoSuchItem { number: usize, count: usize },
    #[error("item {number} can only go to a position from {lowest} to {highest}")]
    ImpossiblePosition {
        number: usize,
        lowest: usize,
        highest: usize,
    },
}

/// The listed items of one meeting, in the order the room sees them.
#[derive(Debug, Clone, Default)]
pub struct Agenda {
    items: Vec<AgendaItem>,
}

impl Agenda {
    /// Keeps the listed items and puts them in order: urgent first, then by position.
    pub fn new(mut items: Vec<AgendaItem>) -> Self {
        items.retain(|item| item.status.is_listed());
        items.sort_by_key(|item| (!item.urgent, item.position, item.id));
        Self { items }
    }

    /// The agenda as it was listed before its meeting's untreated items were carried over:
    /// what a member saw when they sent a command that is handled only afterwards.
    pub fn before_carry_over(mut items: Vec<AgendaItem>) -> Self {
        items.retain(|item| item.status.is_listed() || item.status == ItemStatus::CarriedOver);
        items.sort_by_key(|item| (!item.urgent, item.position, item.id));
        Self { items }
    }

    /// The items in order; item `n` (as the room numbers them) is at index `n - 1`.
    pub fn items(&self) -> &[AgendaItem] {
        &self.items
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The item the room calls `number`.
    pub fn item(&self, number: usize) -> Result<&AgendaItem, AgendaError> {
        number
            .checked_sub(1)
            .and_then(|index| self.items.get(index))
            .ok_or(AgendaError::NoSuchItem {
                number,
                count: self.items.len(),
            })
    }

    /// The number the room sees for the item with this id.
    pub fn number_of(&self, item_id: ItemId) -> Option<usize> {
        self.items
            .iter()
            .position(|item| item.id == item_id)
            .map(|index| index + 1)
    }

    /// The agenda once `item` is on it (to number a new item without reading it back).
    pub fn with_item(&self, item: AgendaItem) -> Agenda {
        let mut items = self.items.clone();
        items.push(item);
        Agenda::new(items)
    }

    /// The position a new item takes: last of its group.
    pub fn next_position(&self) -> i64 {
        self.items
            .iter()
            .map(|item| item.position)
            .max()
            .unwrap_or(0)
            + 1
    }

    /// New positions for moving item `number` to place `to` in the list. Urgent items stay
    /// first, so an item can only move within its own group.
    pub fn plan_move(&self, number: usize, to: usize) -> Result<Vec<(ItemId, i64)>, AgendaError> {
        let moving = self.item(number)?;
        let urgent_count = self.items.iter().filter(|item| item.urgent).count();
        let (lowest, highest) = if moving.urgent {
            (1, urgent_count)
        } else {
            (urgent_count + 1, self.items.len())
        };
        if to < lowest || to > highest {
            return Err(AgendaError::ImpossiblePosition {
                number,
                lowest,
                highest,
            });
        }
        let mut group: Vec<ItemId> = self.items[lowest - 1..highest]
            .iter()
            .map(|item| item.id)
            .collect();
        let from_index = number - lowest;
        let id = group.remove(from_index);
        group.insert(to - lowest, id);
        Ok(group.into_iter().zip(1..).collect())
    }

    /// The items a meeting that took place leaves to the next one: the untreated ones, in order.
    pub fn untreated(&self) -> impl Iterator<Item = &AgendaItem> {
        self.items
            .iter()
            .filter(|item| item.status == ItemStatus::Open)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, urgent: bool, position: i64, status: ItemStatus) -> AgendaItem {
        AgendaItem {
            id: ItemId::new(id),
            text: format!("item {id}"),
            author: UserId::new("@alice:localhost"),
            author_name: None,
            urgent,
            status,
            position,
            created_at: DateTime::<Utc>::default(),
            carried_from: None,
            source_event: None,
        }
    }

    fn ids(agenda: &Agenda) -> Vec<i64> {
        agenda.items().iter().map(|item| item.id.get()).collect()
    }

    #[test]
    fn urgent_items_come_first_then_each_group_in_its_order() {
        let agenda = Agenda::new(vec![
            item(1, false, 1, ItemStatus::Open),
            item(2, true, 2, ItemStatus::Open),
            item(3, false, 3, ItemStatus::Treated),
            item(4, true, 4, ItemStatus::Open),
        ]);
        assert_eq!(ids(&agenda), vec![2, 4, 1, 3]);
        assert_eq!(agenda.number_of(ItemId::new(1)), Some(3));
    }

    #[test]
    fn withdrawn_and_carried_over_items_are_not_listed() {
        let agenda = Agenda::new(vec![
            item(1, false, 1, ItemStatus::Withdrawn),
            item(2, false, 2, ItemStatus::CarriedOver),
            item(3, false, 3, ItemStatus::Open),
        ]);
        assert_eq!(ids(&agenda), vec![3]);
    }

    #[test]
    fn numbers_outside_the_list_are_refused_with_the_count() {
        let agenda = Agenda::new(vec![item(1, false, 1, ItemStatus::Open)]);
        assert_eq!(agenda.item(1).map(|item| item.id.get()), Ok(1));
        assert_eq!(
            agenda.item(0).map(|item| item.id.get()),
            Err(AgendaError::NoSuchItem {
                number: 0,
                count: 1
            })
        );
        assert_eq!(
            agenda.item(2).map(|item| item.id.get()),
            Err(AgendaError::NoSuchItem {
                number: 2,
                count: 1
            })
        );
    }

    #[test]
    fn a_new_urgent_item_is_numbered_after_the_other_urgent_ones() {
        let agenda = Agenda::new(vec![
            item(1, true, 1, ItemStatus::Open),
            item(2, false, 2, ItemStatus::Open),
        ]);
        let added = item(3, true, agenda.next_position(), ItemStatus::Open);
        assert_eq!(agenda.with_item(added).number_of(ItemId::new(3)), Some(2));
    }

    #[test]
    fn a_new_item_goes_last() {
        let agenda = Agenda::new(vec![
            item(1, false, 7, ItemStatus::Open),
            item(2, true, 3, ItemStatus::Open),
        ]);
        assert_eq!(agenda.next_position(), 8);
        assert_eq!(Agenda::default().next_position(), 1);
    }

    #[test]
    fn moving_an_item_renumbers_its_group() {
        let agenda = Agenda::new(vec![
            item(1, false, 1, ItemStatus::Open),
            item(2, false, 2, ItemStatus::Open),
            item(3, false, 3, ItemStatus::Open),
        ]);
        let plan = agenda.plan_move(3, 1).expect("possible move");
        assert_eq!(
            plan,
            vec![
                (ItemId::new(3), 1),
                (ItemId::new(1), 2),
                (ItemId::new(2), 3)
            ]
        );
        let mut moved: Vec<AgendaItem> = agenda.items().to_vec();
        for (id, position) in plan {
            if let Some(item) = moved.iter_mut().find(|item| item.id == id) {
                item.position = position;
            }
        }
        assert_eq!(ids(&Agenda::new(moved)), vec![3, 1, 2]);
    }

    #[test]
    fn an_item_cannot_jump_over_the_urgent_ones() {
        let agenda = Agenda::new(vec![
            item(1, true, 1, ItemStatus::Open),
            item(2, false, 2, ItemStatus::Open),
            item(3, false, 3, ItemStatus::Open),
        ]);
        assert_eq!(
            agenda.plan_move(3, 1),
            Err(AgendaError::ImpossiblePosition {
                number: 3,
                lowest: 2,
                highest: 3
            })
        );
        assert_eq!(
            agenda.plan_move(1, 2),
            Err(AgendaError::ImpossiblePosition {
                number: 1,
                lowest: 1,
                highest: 1
            })
        );
        assert_eq!(
            agenda.plan_move(3, 2),
            Ok(vec![(ItemId::new(3), 1), (ItemId::new(2), 2)])
        );
    }

    #[test]
    fn only_open_items_are_carried_over_in_their_order() {
        let agenda = Agenda::new(vec![
            item(1, false, 1, ItemStatus::Treated),
            item(2, false, 2, ItemStatus::Open),
            item(3, true, 3, ItemStatus::Open),
        ]);
        let carried: Vec<i64> = agenda.untreated().map(|item| item.id.get()).collect();
        assert_eq!(carried, vec![3, 2]);
    }

    #[test]
    fn the_agenda_before_carry_over_still_numbers_the_carried_items() {
        let items = vec![
            item(1, false, 1, ItemStatus::Treated),
            item(2, false, 2, ItemStatus::CarriedOver),
            item(3, false, 3, ItemStatus::Withdrawn),
            item(4, false, 4, ItemStatus::CarriedOver),
        ];
        assert_eq!(
            ids(&Agenda::before_carry_over(items.clone())),
            vec![1, 2, 4]
        );
        assert_eq!(ids(&Agenda::new(items)), vec![1]);
    }
}

//! Optional fields of update inputs: left out keeps the stored value, `null` clears it, a value
//! replaces it.

use async_graphql::MaybeUndefined;

pub fn apply<T>(slot: &mut Option<T>, change: MaybeUndefined<T>) {
    match change {
        MaybeUndefined::Undefined => {}
        MaybeUndefined::Null => *slot = None,
        MaybeUndefined::Value(v) => *slot = Some(v),
    }
}

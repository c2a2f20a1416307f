//! The three-way merge of the settings file: what this instance saves, what it last loaded or
//! saved, and what is on disk now (see [`super::ProfileFile`]).

use toml::{Table, Value};

/// The three-way merge of the whole file (see [`ProfileFile`]): `profiles` by id, every other
/// key by [`merge_value`].
pub(super) fn merge_settings(mine: &Table, base: Option<&Table>, disk: &Table) -> Table {
    let empty = Table::new();
    let base = base.unwrap_or(&empty);
    merge_tables(mine, base, disk, |key, m, b, d| {
        if key == "profiles" {
            merge_profiles(m, b, d)
        } else {
            merge_value(m, b, d)
        }
    })
}

/// Merges two tables key by key with `merge`: this instance's keys in its order, then the keys
/// only the disk has. A key that ends up `None` is left out.
fn merge_tables(
    mine: &Table,
    base: &Table,
    disk: &Table,
    merge: impl Fn(&str, Option<&Value>, Option<&Value>, Option<&Value>) -> Option<Value>,
) -> Table {
    let mut out = Table::new();
    let keys = mine
        .keys()
        .chain(disk.keys().filter(|key| !mine.contains_key(*key)));
    for key in keys {
        if let Some(value) = merge(key, mine.get(key), base.get(key), disk.get(key)) {
            out.insert(key.clone(), value);
        }
    }
    out
}

/// One value of the merge: when this instance did not change it (`mine == base`) the disk's
/// value (which may be absent: another instance removed it); otherwise this instance's, and for
/// two tables key by key, so keys only the disk has survive.
fn merge_value(mine: Option<&Value>, base: Option<&Value>, disk: Option<&Value>) -> Option<Value> {
    if mine == base {
        return disk.cloned();
    }
    match (mine, disk) {
        (Some(Value::Table(mine)), Some(Value::Table(disk))) => {
            let empty = Table::new();
            let base = match base {
                Some(Value::Table(base)) => base,
                _ => &empty,
            };
            Some(Value::Table(merge_tables(
                mine,
                base,
                disk,
                |_, m, b, d| merge_value(m, b, d),
            )))
        }
        _ => mine.cloned(),
    }
}

/// The profile lists, matched by `id` and merged one profile at a time with [`merge_value`]:
/// one this instance deleted stays deleted, one another instance deleted and this one did not
/// edit stays deleted, one only the disk has is kept.
fn merge_profiles(
    mine: Option<&Value>,
    base: Option<&Value>,
    disk: Option<&Value>,
) -> Option<Value> {
    if mine == base {
        return disk.cloned();
    }
    let (mine, base, disk) = (by_id(mine), by_id(base), by_id(disk));
    let mut ids: Vec<&str> = mine.iter().map(|(id, _)| *id).collect();
    for (id, _) in &disk {
        if !ids.contains(id) {
            ids.push(id);
        }
    }
    let merged = ids
        .into_iter()
        .filter_map(|id| {
            merge_value(
                find_by_id(&mine, id),
                find_by_id(&base, id),
                find_by_id(&disk, id),
            )
        })
        .collect();
    Some(Value::Array(merged))
}

/// The profile with this id in a list from [`by_id`].
fn find_by_id<'a>(list: &[(&str, &'a Value)], id: &str) -> Option<&'a Value> {
    list.iter()
        .find(|(other, _)| *other == id)
        .map(|(_, value)| *value)
}

/// The profiles of a `profiles` array with their ids, in order. Entries without a text `id`
/// are left out (a file that parsed as [`Settings`] has none).
fn by_id(list: Option<&Value>) -> Vec<(&str, &Value)> {
    let Some(Value::Array(list)) = list else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|profile| Some((profile.get("id")?.as_str()?, profile)))
        .collect()
}

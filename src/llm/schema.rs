//! A small JSON Schema check for user templates that declare `output.schema`: `type`
//! (one or a list), `required`, `properties`, `items` and `enum` — enough to catch a
//! model answer of the wrong shape and send it back for repair with the path that failed.

use serde_json::Value;

fn type_ok(v: &Value, t: &str) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        _ => true,
    }
}

/// Checks `v` against `schema`; the error names the JSON path that failed.
pub fn validate(v: &Value, schema: &Value, path: &str) -> Result<(), String> {
    let at = if path.is_empty() { "the answer" } else { path };
    if let Some(t) = schema.get("type") {
        let ok = match t {
            Value::String(t) => type_ok(v, t),
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).any(|t| type_ok(v, t)),
            _ => true,
        };
        if !ok {
            return Err(format!("{at} should be {t}"));
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(v)
    {
        return Err(format!("{at} must be one of {}", Value::Array(options.clone())));
    }
    if let (Some(o), Some(required)) = (v.as_object(), schema.get("required").and_then(Value::as_array)) {
        for r in required.iter().filter_map(Value::as_str) {
            if !o.contains_key(r) {
                return Err(format!("{at} is missing \"{r}\""));
            }
        }
    }
    if let (Some(o), Some(props)) = (v.as_object(), schema.get("properties").and_then(Value::as_object)) {
        for (k, s) in props {
            if let Some(x) = o.get(k) {
                validate(x, s, &format!("{path}.{k}"))?;
            }
        }
    }
    if let (Some(a), Some(items)) = (v.as_array(), schema.get("items")) {
        for (i, x) in a.iter().enumerate() {
            validate(x, items, &format!("{path}[{i}]"))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_the_path_that_fails() {
        let s = json!({"type": "object", "required": ["went_well"], "properties": {"went_well": {"type": "array", "items": {"type": "string"}}, "mood": {"enum": ["good", "bad"]}}});
        assert!(validate(&json!({"went_well": ["x"], "mood": "good"}), &s, "").is_ok());
        assert_eq!(validate(&json!({}), &s, "").unwrap_err(), "the answer is missing \"went_well\"");
        assert_eq!(validate(&json!({"went_well": [1]}), &s, "").unwrap_err(), ".went_well[0] should be \"string\"");
        assert!(validate(&json!({"went_well": [], "mood": "meh"}), &s, "").unwrap_err().contains("one of"));
    }
}

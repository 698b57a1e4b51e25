//! JSON Pointers (RFC 6901): how a key becomes a pointer token and back, and how tokens are
//! joined into a pointer.
//!
//! Problems name places with JSON Pointers (`instanceLocation`, `keywordLocation`), and
//! several readers build them: the compiled schema, the engine, the tables, and the Python
//! binding for the objects it is given. The two escapes of the standard (`~` as `~0`, `/` as
//! `~1`) are easy to get in the wrong order, so they are written here once for all of them.

/// Escapes one pointer token: `~` becomes `~0`, then `/` becomes `~1`.
///
/// ```
/// use citynets::validate::pointer::escape;
///
/// assert_eq!(escape("a/b~c"), "a~1b~0c");
/// assert_eq!(escape("plain"), "plain");
/// ```
pub fn escape(token: &str) -> String {
    if !token.contains(['~', '/']) {
        return token.to_owned();
    }
    token.replace('~', "~0").replace('/', "~1")
}

/// Undoes [`escape`]: `~1` becomes `/`, then `~0` becomes `~`.
pub fn unescape(token: &str) -> String {
    if !token.contains('~') {
        return token.to_owned();
    }
    token.replace("~1", "/").replace("~0", "~")
}

/// Adds one token to `pointer`, escaped, after a `/`.
pub fn push(pointer: &mut String, token: &str) {
    pointer.push('/');
    if token.contains(['~', '/']) {
        pointer.push_str(&escape(token));
    } else {
        pointer.push_str(token);
    }
}

/// The pointer made of `tokens`, each escaped (the empty pointer, the whole value, for none).
///
/// ```
/// use citynets::validate::pointer::join;
///
/// assert_eq!(join(&["members", "0", "a/b"]), "/members/0/a~1b");
/// assert_eq!(join::<&str>(&[]), "");
/// ```
pub fn join<S: AsRef<str>>(tokens: &[S]) -> String {
    let mut out = String::new();
    for t in tokens {
        push(&mut out, t.as_ref());
    }
    out
}

/// The tokens of `pointer`, unescaped (none for the empty pointer).
pub fn split(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer.split('/').skip(1).map(unescape).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tilde_before_slash() {
        // Escaping `/` first would turn "~1" into "~01" and then back into "/", not "~1".
        assert_eq!(escape("~1"), "~01");
        assert_eq!(unescape("~01"), "~1");
        assert_eq!(escape("/~"), "~1~0");
    }

    #[test]
    fn split_undoes_join() {
        let tokens = ["a/b", "~", "", "0", "x~1y"];
        let pointer = join(&tokens);
        assert_eq!(pointer, "/a~1b/~0//0/x~01y");
        assert_eq!(split(&pointer), tokens);
        assert!(split("").is_empty());
        assert_eq!(split("/"), [""]);
    }

    #[test]
    fn push_adds_one_escaped_token() {
        let mut p = String::from("/networks");
        push(&mut p, "3");
        push(&mut p, "a/b");
        assert_eq!(p, "/networks/3/a~1b");
    }
}

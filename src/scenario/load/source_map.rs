//! Where each value of a file sits in its text, built from the tokens without the model's
//! types, so that diagnostics about a value can point at it.

use super::RECURSION_LIMIT;
use super::literal::string_value;
use super::tokens::{Token, TokenKind, skip_attribute, tokenize};

/// What a node of the source map holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// `Name(...)` or `(...)`: a struct, a tuple, an enum variant, `Some(...)`.
    Group,
    /// `[...]`.
    List,
    /// `{...}`.
    Map,
    /// A single token: a string, number, identifier...
    Leaf(TokenKind),
}

/// Where a value sits in the source, with the values inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// Byte range of the whole value, from its name (if any) to its closing bracket.
    pub start: usize,
    pub end: usize,
    /// The name before a group's `(`: a struct or variant name, or `Some`.
    pub name: Option<String>,
    pub children: Vec<Child>,
}

/// A value inside a group or list, with its field name when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Child {
    pub key: Option<String>,
    pub node: Node,
}

/// One step of a path through the map: a field by name, or an item of a list by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'p> {
    Field(&'p str),
    Item(usize),
}

impl Node {
    /// The node itself, or the value inside it when it only wraps one (`Some(x)`,
    /// a newtype variant such as `Assignment(Assignment(...))`).
    fn unwrapped(&self) -> &Node {
        let mut node = self;
        let mut hops = 0;
        while node.kind == NodeKind::Group
            && node.children.len() == 1
            && node.children[0].key.is_none()
            && hops < RECURSION_LIMIT
        {
            node = &node.children[0].node;
            hops += 1;
        }
        node
    }

    /// The value of the field `key`, looking through wrappers.
    pub fn field(&self, key: &str) -> Option<&Node> {
        self.unwrapped()
            .children
            .iter()
            .find(|c| c.key.as_deref() == Some(key))
            .map(|c| &c.node)
    }

    /// The `index`th item of a list, looking through wrappers.
    pub fn item(&self, index: usize) -> Option<&Node> {
        let node = self.unwrapped();
        (node.kind == NodeKind::List)
            .then(|| node.children.get(index).map(|c| &c.node))
            .flatten()
    }

    /// Follows a path of fields and items.
    pub fn get(&self, path: &[Step]) -> Option<&Node> {
        path.iter().try_fold(self, |node, step| match *step {
            Step::Field(key) => node.field(key),
            Step::Item(index) => node.item(index),
        })
    }

    /// The value of a field named `key` anywhere inside this node, the shallowest first.
    pub fn find_field(&self, key: &str) -> Option<&Node> {
        let mut level: Vec<&Node> = vec![self];
        while !level.is_empty() {
            for node in &level {
                if let Some(child) = node.children.iter().find(|c| c.key.as_deref() == Some(key)) {
                    return Some(&child.node);
                }
            }
            level = level
                .iter()
                .flat_map(|n| n.children.iter().map(|c| &c.node))
                .collect();
        }
        None
    }

    /// The first string inside this node whose text (unescaped and cleaned, as the model
    /// holds it) is `value`, and whose field name or enclosing variant name is `label`.
    /// An empty `label` accepts any string with that text.
    pub fn find_string(&self, source: &str, label: &str, value: &str) -> Option<&Node> {
        self.find_nth_string(source, label, value, 0)
    }

    /// Like [`find_string`](Node::find_string), the `nth` (0-based) such string.
    pub fn find_nth_string(
        &self,
        source: &str,
        label: &str,
        value: &str,
        nth: usize,
    ) -> Option<&Node> {
        struct Search<'s> {
            source: &'s str,
            label: &'s str,
            value: &'s str,
            skip: usize,
        }
        fn walk<'n>(
            node: &'n Node,
            search: &mut Search,
            labels: (Option<&str>, Option<&str>),
        ) -> Option<&'n Node> {
            if node.kind == NodeKind::Leaf(TokenKind::Str) {
                let label = search.label;
                let matches_label =
                    label.is_empty() || labels.0 == Some(label) || labels.1 == Some(label);
                let text = search.source.get(node.start..node.end).unwrap_or("");
                if !(matches_label && string_value(text) == search.value) {
                    return None;
                }
                if search.skip == 0 {
                    return Some(node);
                }
                search.skip -= 1;
                return None;
            }
            let name = match node.name.as_deref() {
                Some("Some") | None => labels.1,
                Some(name) => Some(name),
            };
            node.children.iter().find_map(|child| {
                let key = child.key.as_deref().or(labels.0);
                walk(&child.node, search, (key, name))
            })
        }
        let mut search = Search {
            source,
            label,
            value,
            skip: nth,
        };
        walk(self, &mut search, (None, None))
    }
}

/// so that diagnostics about a value can point at it.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    root: Option<Node>,
}

impl SourceMap {
    /// Maps `source`. Any text can be mapped; for text that is not RON the map is partial.
    pub fn new(source: &str) -> SourceMap {
        let tokens = tokenize(source);
        SourceMap::from_tokens(source, &tokens)
    }

    fn from_tokens(source: &str, tokens: &[Token]) -> SourceMap {
        let mut builder = MapBuilder {
            source,
            tokens,
            ix: 0,
        };
        while builder.peek().is_some_and(|t| t.kind == TokenKind::Other) {
            builder.ix = skip_attribute(tokens, builder.ix);
        }
        SourceMap {
            root: builder.value(0),
        }
    }

    /// The file's top-level value: `Scenario(...)`.
    pub fn root(&self) -> Option<&Node> {
        self.root.as_ref()
    }

    pub fn get(&self, path: &[Step]) -> Option<&Node> {
        self.root()?.get(path)
    }
}

struct MapBuilder<'s, 't> {
    source: &'s str,
    tokens: &'t [Token],
    ix: usize,
}

impl MapBuilder<'_, '_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.ix)
    }

    fn peek_at(&self, ahead: usize) -> Option<&Token> {
        self.tokens.get(self.ix + ahead)
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        let token = *self.peek()?;
        self.ix += 1;
        let text = &self.source[token.start..token.end];
        match token.kind {
            TokenKind::Ident if self.peek().is_some_and(|t| self.is_open(t, '(')) => {
                let open = *self.peek()?;
                self.ix += 1;
                let mut node = self.group(open, depth, NodeKind::Group);
                node.start = token.start;
                node.name = Some(text.to_owned());
                Some(node)
            }
            TokenKind::Open => {
                let kind = match text {
                    "[" => NodeKind::List,
                    "{" => NodeKind::Map,
                    _ => NodeKind::Group,
                };
                Some(self.group(token, depth, kind))
            }
            kind => Some(Node {
                kind: NodeKind::Leaf(kind),
                start: token.start,
                end: token.end,
                name: None,
                children: Vec::new(),
            }),
        }
    }

    fn is_open(&self, token: &Token, bracket: char) -> bool {
        token.kind == TokenKind::Open && self.source[token.start..].starts_with(bracket)
    }

    /// The items of a bracketed group whose opening token was just read.
    fn group(&mut self, open: Token, depth: usize, kind: NodeKind) -> Node {
        let mut node = Node {
            kind,
            start: open.start,
            end: open.end,
            name: None,
            children: Vec::new(),
        };
        while let Some(token) = self.peek().copied() {
            if token.kind == TokenKind::Close {
                // Whichever bracket it is, the group ends here.
                self.ix += 1;
                node.end = token.end;
                break;
            }
            if token.kind == TokenKind::Comma {
                self.ix += 1;
                continue;
            }
            let key = match (token.kind, self.peek_at(1).map(|t| t.kind)) {
                (TokenKind::Ident, Some(TokenKind::Colon)) if kind != NodeKind::Map => {
                    self.ix += 2;
                    Some(self.source[token.start..token.end].to_owned())
                }
                _ => None,
            };
            let before = self.ix;
            let value = if depth < RECURSION_LIMIT {
                self.value(depth + 1)
            } else {
                None
            };
            if kind == NodeKind::Map && self.peek().is_some_and(|t| t.kind == TokenKind::Colon) {
                // A map entry: the key is skipped, the value kept.
                self.ix += 1;
                let entry = if depth < RECURSION_LIMIT {
                    self.value(depth + 1)
                } else {
                    None
                };
                if let Some(node_value) = entry {
                    node.end = node_value.end;
                    node.children.push(Child {
                        key: None,
                        node: node_value,
                    });
                }
            } else if let Some(value) = value {
                node.end = value.end;
                node.children.push(Child { key, node: value });
            }
            if self.ix == before {
                // Nothing could be read here: step over the token rather than loop.
                self.ix += 1;
            }
        }
        node
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::diagnostic::line_column;

    #[test]
    fn the_source_map_follows_paths_through_wrappers() {
        let source = "Scenario(\n  events: [\n    Event(at: \"t1\"),\n    Event(at: \"t2\", what: Assignment(Assignment(batch: Some(\"b\\u{2d}1\"), targets: People([\"a\", \"b\"])))),\n  ],\n  answer_key: Some(AnswerKey(findings: [Finding(id: \"f\")])),\n)";
        let map = SourceMap::new(source);
        let event = map.get(&[Step::Field("events"), Step::Item(1)]).unwrap();
        assert!(source[event.start..event.end].starts_with("Event(at: \"t2\""));
        assert!(source[event.start..event.end].ends_with("]))))"));
        let batch = event.find_string(source, "batch", "b-1").unwrap();
        assert_eq!(&source[batch.start..batch.end], "\"b\\u{2d}1\"");
        let target = event.find_string(source, "People", "b").unwrap();
        assert_eq!(line_column(source, target.start), (4, 96));
        assert!(event.find_string(source, "batch", "a").is_none());
        let finding = map
            .get(&[
                Step::Field("answer_key"),
                Step::Field("findings"),
                Step::Item(0),
            ])
            .unwrap();
        assert_eq!(&source[finding.start..finding.end], "Finding(id: \"f\")");
        assert!(map.get(&[Step::Field("events"), Step::Item(2)]).is_none());
        assert_eq!(
            &source[event.find_field("at").unwrap().start..][..4],
            "\"t2\""
        );
    }
}

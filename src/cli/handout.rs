//! `redcode handout [SCENARIO] --for players|facilitator -o FILE.md`: the players' situation
//! manual or the facilitator's handbook, as Markdown (`-o -` prints it).

use std::io::Write;
use std::path::Path;

use super::new::write_file;
use super::{CliError, out};
use crate::class::handout::{Audience, handout};
use crate::open::open;
use crate::scenario::text::clean_line;

pub fn run(
    scenario: Option<&str>,
    audience: Audience,
    output: &Path,
    force: bool,
) -> Result<(), CliError> {
    let world = open(scenario, None)?.world;
    let text = handout(&world, audience);
    if output == Path::new("-") {
        return out::print(|out| out.write_all(text.as_bytes()));
    }
    write_file(output, &text, force)?;
    let shown = clean_line(&output.display().to_string());
    let what = match audience {
        Audience::Players => "the players' situation manual: nothing of the answer key",
        Audience::Facilitator => "the facilitator's handbook: keep it from the players",
    };
    out::print(|out| writeln!(out, "Wrote {shown}, {what}."))
}

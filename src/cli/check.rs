//! `gongshi check`: everything `build` validates, without writing anything.

use super::{SiteArgs, report};

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
}

pub fn run(args: &CheckArgs) -> Result<(), ()> {
    let options = args.site.options().map_err(|e| report::fatal(&e))?;
    let built = crate::build(&args.site.site, &options);
    report::diagnostics(&built.sources, &built.diagnostics);
    match &built.output {
        Some(output) => {
            report::checked(output.page_count(), &built.diagnostics);
            Ok(())
        }
        None => {
            report::failed(&built.diagnostics, 0);
            Err(())
        }
    }
}

"""The analyst's workflow commands: validate, init, criteria, schema and import."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from allyeval.cli import options as opt
from allyeval.cli.common import Commands, examples, run
from allyeval.cli.help import WordsCommand
from allyeval.core.formats import (
    CatalogueFormat,
    ImportModel,
    PartnershipKind,
    SchemaKind,
    ValidateFormat,
)

app = Commands()


@app.command(
    epilog=examples(
        "allyeval validate examples/*.yaml",
        "allyeval validate profiles/*.yaml --format json > problems.json",
        "allyeval validate examples/*.yaml --strict --stale-years 30",
        "allyeval validate --criteria my-criteria.yaml",
    )
)
def validate(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILE",
            help="Profiles to check. '-' reads one from standard input.",
            show_default=False,
        ),
    ] = None,
    criteria: opt.Criteria = None,
    output_format: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: one line per problem (warnings on stderr); json: a list of {file, "
            "line, column, field, severity, message} for editors and CI annotations.",
            case_sensitive=False,
        ),
    ] = ValidateFormat.text,
    output: opt.Output = None,
    strict: opt.Strict = False,
    stale_years: opt.StaleYears = None,
    max_bytes: opt.MaxBytes = opt.MAX_BYTES,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
) -> None:
    """Check profiles (and a --criteria file) without scoring them: exit 0 if all are valid,
    2 if any has an error (or, with --strict, a warning)."""
    from allyeval.cli.validation import ValidateOptions, run_validate

    options = ValidateOptions(
        files=files or [],
        criteria=opt.path_text(criteria),
        output_format=output_format,
        output=opt.path_text(output),
        max_bytes=max_bytes,
        quiet=quiet,
        strict=strict,
        stale_years=stale_years,
    )
    run(lambda: run_validate(options))


@app.command(
    epilog=examples(
        "allyeval init -o aukus.yaml --name AUKUS --kind multilateral -m AU -m GB -m US",
        "allyeval init > draft.yaml",
    )
)
def init(
    output: opt.Output = None,
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="NAME", help="The partnership's name.", show_default=False),
    ] = None,
    kind: Annotated[
        PartnershipKind, typer.Option("--kind", help="The kind of partnership.")
    ] = PartnershipKind.bilateral,
    members: Annotated[
        list[str] | None,
        typer.Option(
            "--member",
            "-m",
            metavar="CODE",
            help="A member's ISO 3166 code (repeat for each member).",
        ),
    ] = None,
    criteria: opt.Criteria = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing FILE.")] = False,
) -> None:
    """Write a new profile with every indicator listed, its question and 0-4 rubric as
    comments. The facts to give are left empty: validate says "not filled in" for each until
    they are, and the profile scores once they and some levels are filled in."""
    from allyeval.cli.template import InitOptions, run_init

    options = InitOptions(
        output=opt.path_text(output),
        name=name,
        kind=kind,
        members=members or [],
        criteria=opt.path_text(criteria),
        force=force,
    )
    run(lambda: run_init(options))


@app.command(
    name="criteria",
    epilog=examples(
        "allyeval criteria",
        "allyeval criteria --list",
        "allyeval criteria --criteria treaty-design",
        "allyeval criteria interoperability --format markdown",
        "allyeval criteria command_and_control",
    ),
)
def criteria_command(
    indicator: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="An indicator (or criterion) id to show in full.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        CatalogueFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = CatalogueFormat.table,
    criteria: opt.Criteria = None,
    list_models: Annotated[
        bool, typer.Option("--list", help="List the built-in criteria models.")
    ] = False,
    output: opt.Output = None,
    color: opt.Color = None,
) -> None:
    """Show the criteria model: criteria, indicators, nominal and effective weights,
    direction and source section; with an id, its question, rubric and recommendation.
    --list shows the built-in models; --criteria treaty-design shows that one."""
    from allyeval.cli.catalogue import CatalogueOptions, run_catalogue

    options = CatalogueOptions(
        item=indicator,
        output_format=output_format,
        criteria=opt.path_text(criteria),
        output=opt.path_text(output),
        color=color,
        list_models=list_models,
    )
    run(lambda: run_catalogue(options))


@app.command(
    epilog=examples(
        "allyeval schema profile > profile.schema.json",
        "allyeval schema criteria --criteria my-criteria.yaml",
    )
)
def schema(
    kind: Annotated[
        SchemaKind, typer.Argument(help="Which schema: profile or criteria.")
    ] = SchemaKind.profile,
    criteria: opt.Criteria = None,
    output: opt.Output = None,
) -> None:
    """Print the JSON Schema of profiles or criteria files (from the models; the profile
    schema lists the indicators with their rubrics), for editors and CI."""
    from allyeval.cli.catalogue import run_schema

    run(lambda: run_schema(kind.value, opt.path_text(criteria), opt.path_text(output)))


import_app = typer.Typer(
    help="Bring data sets into allyeval as draft profiles.",
    no_args_is_help=True,
    epilog=examples("allyeval import atop atop4_01a.csv --members atop4_01m.csv -o atop/"),
)
app.add_typer(import_app, name="import")


@import_app.command(
    name="atop",
    cls=WordsCommand,
    epilog=examples(
        "allyeval import atop atop4_01a.csv --members atop4_01m.csv --states states2016.csv "
        "-o atop/",
        "allyeval import atop atop4_01a.csv -o atop/ --id 3180 --id 3285",
        "allyeval import atop atop4_01a.csv --members atop4_01m.csv --model treaty-design -o td/",
        "allyeval score atop/*.yaml --format csv -o atop-scores.csv",
    ),
)
def import_atop(
    alliance_csv: Annotated[
        Path, typer.Argument(metavar="ALLIANCE_CSV", help="ATOP alliance-level file (atopNa.csv).")
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="DIR", help="Folder to write the profiles to."),
    ],
    members: Annotated[
        Path | None,
        typer.Option("--members", metavar="MEMBER_CSV", help="ATOP member-level file."),
    ] = None,
    states: Annotated[
        Path | None,
        typer.Option("--states", metavar="STATES_CSV", help="COW state list (states2016.csv)."),
    ] = None,
    ids: Annotated[
        list[int] | None,
        typer.Option("--id", metavar="ATOPID", help="Import only this alliance (repeatable)."),
    ] = None,
    as_of: Annotated[
        int | None,
        typer.Option("--as-of", metavar="YEAR", help="Members as of 31 December of YEAR."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    model: Annotated[
        ImportModel,
        typer.Option(
            "--model",
            help="The criteria the drafts are rated against: practice (the default model; "
            "only what the text shows of practice) or treaty-design (every indicator, from "
            "the provisions).",
            case_sensitive=False,
        ),
    ] = ImportModel.practice,
) -> None:
    """Turn the ATOP alliance data set into draft profiles, one per alliance, with the
    ratings the treaty text supports (see docs/atop.md)."""
    from allyeval.atop.importer import run_import_atop

    run(
        lambda: run_import_atop(
            str(alliance_csv),
            str(output),
            members_csv=opt.path_text(members),
            states_csv=opt.path_text(states),
            ids=ids or None,
            as_of_year=as_of,
            force=force,
            model=model.value,
        )
    )

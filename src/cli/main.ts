/**
 * `phusong <command> [options]`: batch runs of the same core the app uses.
 * Exit codes: 0 results written (even with rejected rows), 2 bad input (one line `error: FILE: reason`),
 * 1 a bug (with its stack, so it can be reported).
 */
import { CliError } from './common.ts';

type CommandModule = { run(argv: string[]): Promise<void> };

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  analyze: () => import('./analyze.ts'),
  'fibre-plan': () => import('./fibre-plan.ts'),
  'plan-sites': () => import('./plan-sites.ts'),
  report: () => import('./report.ts'),
  targets: () => import('./targets.ts'),
};

const USAGE = `usage: phusong <command> [options]

commands:
  analyze     (--dataset embedded | --wards FILE --sites FILE --households FILE) [--fibre FILE] [--land FILE]
              [--layout 2025|2019] [--technology 4G] [--operator NAME] [--config FILE] --out DIR
  analyze     --provinces DIR [--technology 4G] [--operator NAME] [--config FILE] [--threads N] --out DIR
              a country province by province: DIR holds one folder per province with wards.*, sites.* and
              households.* (land.* optional); each province sees the other provinces' cells within reach, memory
              holds one province per thread (--threads: 2 by default, 1 in the main thread); the same output
              files over the whole country (docs/country.md)
  fibre-plan  (--dataset embedded | --wards FILE --households FILE --fibre FILE) [--layout 2025|2019]
              --target PCT [--scope ward|city] [--config FILE] --out DIR
  plan-sites  (--dataset embedded | --wards FILE --sites FILE --households FILE) [--layout 2025|2019]
              (--count N | --target-pct P) [--candidates FILE] [--template FILE] [--exact] [--land FILE]
              [--config FILE] --out DIR
  targets     (--dataset embedded | --wards FILE --sites FILE --households FILE [--fibre FILE] [--zones FILE])
              [--target-set NAME|FILE] [--layout 2025|2019] [--no-plan] [--land FILE] [--config FILE] --out DIR
  report      (--dataset embedded | --wards FILE --sites FILE --households FILE [--fibre FILE] [--zones FILE])
              [--scope city|UNIT_CODE[,UNIT_CODE...]] [--layout 2025|2019] [--target-set NAME|FILE]
              [--sites-plan count:N|target:P] [--lang vi|en] [--format pdf|xlsx|html] [--land FILE]
              [--config FILE] [--organisation TEXT] [--title TEXT] [--date YYYY-MM-DD] [--sections LIST] [--no-plan]
              --out FILE

--dataset embedded: the merged Hải Phòng of data/ (114 units of 2025, synthetic sites, households and fibre, land
mask, approximate zones); a layer file given replaces its layer. --layout 2019: the 2019 units (488 communes and
Bạch Long Vĩ), households located through the crosswalk, rolled up to 2025 in summary.json. data/households.csv.gz
(embedded, named or copied) gives 2025 unit codes: by 2019 units each household is placed in the unit it lies
in, with or without --layout; a user's households file gives codes of the layout chosen.

input files (--wards, --sites, --households, --fibre, --land): CSV, GeoJSON, Excel .xlsx, KML/KMZ, Shapefile
(.zip, or the .shp with its .dbf/.prj/.cpg beside it); every command also takes
  --crs SPEC          coordinate system of files that carry none, e.g. vn2000-tm3:105.75, EPSG:3405
                      (LAYER=SPEC for one layer only, e.g. --crs households=vn2000-tm3:105.75; repeatable)
  --sheet NAME        workbook sheet to read (LAYER=NAME for one layer; repeatable)
  --map FILE          column map, JSON: {"sites": {"site_id": "Mã trạm", "lon": "Kinh độ"}, ...}
see docs/data-formats.md
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`error: unknown command '${name}'\n${USAGE}`);
    return 2;
  }
  try {
    await (await load()).run(rest);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`phusong: internal error, please report it:\n${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}

import { err, ok, type Result } from './result.js';
import { cleanOptionalText, sanitizeText, TEXT_LIMITS } from './text.js';
import { type Program, type Sector, SectorNameSchema, type State } from './types.js';

/** Korean names of the sectors the ministry works on; a new sector of one of these gets its alias. */
export const KNOWN_SECTOR_ALIASES: Readonly<Record<string, string>> = {
  autos: '자동차',
  steel: '철강',
  shipbuilding: '조선',
  retail: '유통',
  platforms: '플랫폼',
  cosmetics: '화장품',
  'consumer-goods': '소비재',
  defense: '방산',
  ai: '인공지능',
  semiconductors: '반도체',
  batteries: '이차전지',
  petrochemicals: '석유화학',
};

/** Words the command grammar gives a meaning of its own: no sector or program may be called so. */
export const RESERVED_NAMES: readonly string[] = ['all', 'help', 'new', 'edit', 'none'];

const key = (text: string): string => sanitizeText(text).toLowerCase();

/** The sector whose name or Korean alias is `text` (case-insensitive), if any. */
export const findSector = (state: Pick<State, 'sectors'>, text: string): Sector | undefined => {
  const wanted = key(text);
  if (wanted === '') return undefined;
  // Sectors are few (tens): a scan is cheaper than building an index.
  return (
    state.sectors.find((s) => s.name === wanted) ??
    state.sectors.find((s) => s.alias !== undefined && key(s.alias) === wanted)
  );
};

/** The programs of a sector, in the order they were created. */
export const sectorPrograms = (state: Pick<State, 'programs'>, sector: string): Program[] =>
  state.programs.filter((p) => p.sector === sector);

/** A valid new sector name (`autos`, `consumer-goods`), lowercased, or SECTOR.INVALID with `{ field: 'sector' }`. */
export const checkSectorName = (text: string): Result<string> => {
  const name = key(text);
  if (RESERVED_NAMES.includes(name)) {
    return err('SECTOR.INVALID', { field: 'sector', reason: 'reserved', name });
  }
  return SectorNameSchema.safeParse(name).success
    ? ok(name)
    : err('SECTOR.INVALID', { field: 'sector', reason: 'format', name });
};

/**
 * The sector named (or aliased) `text`, added to the state when it does not exist yet. A new sector
 * takes `alias`, or the known Korean name for it. No event: a sector comes into being with its first
 * program, whose program.created event names it. A new sector may not share a name with a program slug,
 * since `/winwin status <x>` must mean one thing.
 */
export const ensureSector = (
  state: State,
  text: string,
  alias?: string,
): Result<{ state: State; sector: Sector; created: boolean }> => {
  const existing = findSector(state, text);
  if (existing) return ok({ state, sector: existing, created: false });
  const name = checkSectorName(text);
  if (!name.ok) return name;
  if (state.programs.some((p) => p.slug === name.value)) {
    return err('SECTOR.INVALID', { field: 'sector', reason: 'program', name: name.value });
  }
  const cleanAlias = cleanOptionalText(alias, { field: 'alias', max: TEXT_LIMITS.alias });
  if (!cleanAlias.ok) return cleanAlias;
  const aliasText = cleanAlias.value ?? KNOWN_SECTOR_ALIASES[name.value];
  if (aliasText !== undefined && findSector(state, aliasText)) {
    return err('SECTOR.INVALID', { field: 'sector', reason: 'alias_taken', name: aliasText });
  }
  const sector: Sector =
    aliasText === undefined ? { name: name.value } : { name: name.value, alias: aliasText };
  return ok({ state: { ...state, sectors: [...state.sectors, sector] }, sector, created: true });
};

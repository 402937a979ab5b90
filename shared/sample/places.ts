/**
 * Fictional places and people for the sample SOA. None of these council areas exists; the towns are built
 * from Scots place-name elements so they read naturally without naming a real community.
 */
import type { SampleRandom } from './random';

/** A fictional council area and the health board region it sits in. */
export interface SampleArea {
  readonly name: string;
  readonly healthBoard: string;
  readonly college: string;
  readonly tsi: string;
  /** Rough character, used to colour the narrative. */
  readonly character: 'rural' | 'mixed' | 'urban';
  readonly population: number;
}

const AREAS: readonly Omit<SampleArea, 'population'>[] = [
  {
    name: 'Glenmore',
    healthBoard: 'NHS Strathmore',
    college: 'Glenmore College',
    tsi: 'Glenmore Third Sector Interface',
    character: 'rural',
  },
  {
    name: 'Strathallan',
    healthBoard: 'NHS Forth Valley and Teith',
    college: 'Strathallan College',
    tsi: 'Voluntary Action Strathallan',
    character: 'mixed',
  },
  {
    name: 'Kinlochard',
    healthBoard: 'NHS Lochaber and Lorn',
    college: 'West Kinlochard College',
    tsi: 'Kinlochard Third Sector Partnership',
    character: 'rural',
  },
  {
    name: 'Balmuir',
    healthBoard: 'NHS Clyde Valley',
    college: 'Balmuir and Carron College',
    tsi: 'Balmuir Council for Voluntary Service',
    character: 'urban',
  },
  {
    name: 'Carrickmoor',
    healthBoard: 'NHS Galloway and Carrick',
    college: 'Carrickmoor College',
    tsi: 'Third Sector Carrickmoor',
    character: 'rural',
  },
  {
    name: 'Dunmarten',
    healthBoard: 'NHS Tayside and Mearns',
    college: 'Dunmarten College',
    tsi: 'Dunmarten Voluntary Action',
    character: 'mixed',
  },
  {
    name: 'Inverclyth',
    healthBoard: 'NHS Clyde Valley',
    college: 'Inverclyth and Firth College',
    tsi: 'Inverclyth Third Sector Interface',
    character: 'urban',
  },
  {
    name: 'Lochbrae',
    healthBoard: 'NHS Strathmore',
    college: 'Lochbrae College',
    tsi: 'Lochbrae Voluntary Sector Network',
    character: 'mixed',
  },
];

/** Every sample council area's name: a demo's towns never take another area's name. */
export const SAMPLE_AREA_NAMES: readonly string[] = AREAS.map((area) => area.name);

const TOWN_HEADS = [
  'Kil',
  'Dun',
  'Bal',
  'Auch',
  'Inver',
  'Strath',
  'Glen',
  'Kin',
  'Craig',
  'Loch',
  'Ard',
  'Drum',
  'Tor',
  'Cam',
];
const TOWN_TAILS = [
  'more',
  'ross',
  'brae',
  'muir',
  'hall',
  'ton',
  'field',
  'side',
  'lochy',
  'nairn',
  'carron',
  'bervie',
  'allan',
  'dour',
  'leven',
  'mill',
];
const NEIGHBOURHOOD_FORMS = [
  'East {town}',
  'North {town}',
  '{town} Harbour',
  'Milton of {town}',
  '{town} Mains',
  'Upper {town}',
  '{town} Park',
  'South {town}',
  '{town} Riverside',
];

const FIRST_NAMES = [
  'Alison',
  'Andrew',
  'Catriona',
  'David',
  'Eilidh',
  'Fiona',
  'Gordon',
  'Heather',
  'Iain',
  'Jennifer',
  'Kenneth',
  'Lorna',
  'Malcolm',
  'Morag',
  'Neil',
  'Pauline',
  'Ross',
  'Shona',
  'Stuart',
  'Yvonne',
  'Douglas',
  'Karen',
  'Graham',
  'Mairi',
];
const SURNAMES = [
  'Anderson',
  'Buchanan',
  'Cameron',
  'Duncan',
  'Ferguson',
  'Fraser',
  'Gillespie',
  'Henderson',
  'Kerr',
  'MacDonald',
  'MacLeod',
  'McIntyre',
  'Morrison',
  'Munro',
  'Paterson',
  'Robertson',
  'Sinclair',
  'Stewart',
  'Thomson',
  'Watt',
  'Young',
  'Crawford',
];

export function pickArea(random: SampleRandom): SampleArea {
  const base = random.pick(AREAS);
  const population =
    base.character === 'urban'
      ? random.int(78, 132) * 1000
      : base.character === 'mixed'
        ? random.int(88, 152) * 1000
        : random.int(52, 96) * 1000;
  return { ...base, population };
}

/** Six or seven distinct town names; the first is the main town, which shares the area's name. */
export function pickTowns(random: SampleRandom, area: SampleArea): string[] {
  const wanted = random.int(6, 7);
  const towns = new Set<string>([area.name]);
  while (towns.size < wanted) {
    const name = random.pick(TOWN_HEADS) + random.pick(TOWN_TAILS);
    // Not another sample area's name: a Balmuir demo speaking of "Glenmore" reads as a copying mistake.
    if (name.slice(0, 4) !== area.name.slice(0, 4) && !SAMPLE_AREA_NAMES.includes(name)) towns.add(name);
  }
  return [...towns];
}

/** Neighbourhoods in the most deprived datazones, named after the towns. */
export function pickNeighbourhoods(random: SampleRandom, towns: readonly string[]): string[] {
  const names = new Set<string>();
  while (names.size < 5) names.add(random.pick(NEIGHBOURHOOD_FORMS).replace('{town}', random.pick(towns)));
  return [...names];
}

export function personName(random: SampleRandom): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
}

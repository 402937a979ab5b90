/** Compare an SOA with a named version: the sections that changed, who changed them, the words inserted and deleted. */
export {
  compareChanges,
  ComparisonReplay,
  GAP_MS,
  type Comparison,
  type RoomChange,
  type SectionAuthor,
  type SectionComparison,
} from './compareChanges';
export type { Piece, PieceKind } from './blame';
export { roomSections, sectionNames, sectionTitle, richLines, type SoaSection, type SectionNames } from './soaSections';
export { diffTokens, readableDiff, type DiffOp } from './diffTokens';
export { tokenise, PARAGRAPH } from './tokens';
export { compareDocs } from './compareDocs';

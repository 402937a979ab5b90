/** Every soa-relay command. Add a command by writing its file and listing it here. */
import type { Command } from '../command';
import { bundleExport } from './bundleExport';
import { bundleImport } from './bundleImport';
import { commentsCommand } from './comments';
import { demo } from './demo';
import { exportCommand } from './export';
import { history } from './history';
import { memberInvite } from './memberInvite';
import { memberList } from './memberList';
import { memberRevoke } from './memberRevoke';
import { partnerAdd } from './partnerAdd';
import { partnershipCreate } from './partnershipCreate';
import { serve } from './serve';
import { soaCreate } from './soaCreate';
import { report } from './report';
import { versionCompare } from './versionCompare';
import { versionCreate } from './versionCreate';
import { versionList } from './versionList';

export const COMMANDS: readonly Command[] = [
  serve,
  partnershipCreate,
  partnerAdd,
  soaCreate,
  memberInvite,
  memberRevoke,
  memberList,
  demo,
  exportCommand,
  commentsCommand,
  report,
  history,
  versionCreate,
  versionList,
  versionCompare,
  bundleImport,
  bundleExport,
];

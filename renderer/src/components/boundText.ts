/** A plain-text field's binding (see BoundText in fields.tsx), built from a page's commands. */
import {
  frameTextLimit,
  ORIGIN_TYPING,
  partnerTextLimit,
  type FrameTextField,
  type PartnerTextField,
} from '../../../shared/model';
import type { FrameCommands, PartnerCommands } from '../store/commands';
import type { BoundText } from './fields';

export function frameText(frame: FrameCommands, field: FrameTextField): BoundText {
  return {
    text: frame.text(field),
    write: (value) => frame.setText(field, value, ORIGIN_TYPING),
    limit: frameTextLimit(field),
  };
}

export function partnerText(partner: PartnerCommands, field: PartnerTextField): BoundText {
  return {
    text: partner.text(field),
    write: (value) => partner.setText(field, value, ORIGIN_TYPING),
    limit: partnerTextLimit(field),
  };
}

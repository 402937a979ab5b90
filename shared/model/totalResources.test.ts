import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { effectiveSignOff, recordAgreement } from './agreement';
import { FrameDocument } from './frame';
import { asId, type PartnerId, type SoaId } from './ids';
import { TextTooLongError } from './limits';
import { PartnerDocument } from './partner';

function room(): PartnerDocument {
  const partner = new PartnerDocument(new Y.Doc());
  partner.initialise(asId<PartnerId>('p-council'));
  return partner;
}

describe('a partner\u2019s total resources in the area', () => {
  it('keeps the amount as typed, reads its number, and keeps the year and basis', () => {
    const partner = room();
    expect(partner.read().totalResources).toEqual({ amountText: '', amount: null, year: '', basis: '' });
    partner.setTotalResources({
      amount: ' £182.4m ',
      year: '2013/14',
      basis: 'Net revenue budget for services in the area',
    });
    expect(partner.read().totalResources).toEqual({
      amountText: '£182.4m',
      amount: 182_400_000,
      year: '2013/14',
      basis: 'Net revenue budget for services in the area',
    });
    partner.setTotalResources({ amount: 'Within the health board\u2019s allocation' });
    expect(partner.read().totalResources.amount).toBeNull();
    expect(partner.read().totalResources.amountText).toBe('Within the health board\u2019s allocation');
    partner.setTotalResources({ amount: '', year: '' });
    expect(partner.read().totalResources).toMatchObject({ amountText: '', amount: null, year: '' });
  });

  it('refuses text over the limits, saying so, and writes nothing of that change', () => {
    const partner = room();
    partner.setTotalResources({ amount: '£1m' });
    expect(() => partner.setTotalResources({ amount: '£2m', year: 'x'.repeat(201) })).toThrow(TextTooLongError);
    expect(partner.read().totalResources.amountText).toBe('£1m');
  });

  it('merges two people\u2019s typing in the basis by character', () => {
    const a = room();
    const b = new PartnerDocument(new Y.Doc());
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    a.setTotalResources({ basis: 'Net revenue budget' });
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    a.setTotalResources({ basis: 'Net revenue budget for the area' });
    b.setTotalResources({ basis: 'Gross net revenue budget' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    expect(a.read().totalResources.basis).toBe('Gross net revenue budget for the area');
    expect(b.read().totalResources.basis).toBe(a.read().totalResources.basis);
  });

  it('is part of what an agreement covers once stated, and an agreement given before it was stated still holds', () => {
    const frame = new FrameDocument(new Y.Doc());
    frame.initialise({
      soaId: asId<SoaId>('soa1'),
      title: 'Glenmore SOA',
      area: 'Glenmore',
      partnershipName: 'Glenmore CPP',
      framework: 'npf-2011',
    });
    const partnerId = asId<PartnerId>('p-council');
    const partner = room();
    const status = () => effectiveSignOff(partner.read(), frame.read(), partnerId);
    recordAgreement(partner, frame.read(), partnerId, 'A Officer', 'Chief Executive', '2013-03-20');
    // An agreement given while the field was empty is unchanged by the field existing.
    expect(status()).toMatchObject({ state: 'agreed', lapsed: false, changes: [] });
    partner.setTotalResources({ amount: '£10m' });
    expect(status().state).toBe('agreed-earlier-version');
    expect(status().changes.map((change) => change.description)).toEqual(['The total resources in the area changed.']);
    recordAgreement(partner, frame.read(), partnerId, 'A Officer', 'Chief Executive', '2013-03-21');
    expect(status().state).toBe('agreed');
    partner.setTotalResources({ year: '2013/14' });
    expect(status().state).toBe('agreed-earlier-version');
  });
});

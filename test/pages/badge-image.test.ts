// Badge images for the credential page (Open Badges 3.0 §5.3 Baking): the achievement's own image
// when it is embedded (a data: URL), else a generated one; the credential (JSON, or the compact
// JWS of a VC-JWT credential) baked in. Read back with pngjs and core's unbake functions.
import { unbakePng, unbakeSvg } from '@repo/core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { badgePng, badgeSvg, bakedForm, generatedBadgeSvg } from '../../packages/issuer/src/pages/badge-image.ts';
import {
  BADGE_COLOURS,
  badgeColour,
  badgePngOf,
  drawBadgePng,
} from '../../packages/issuer/src/pages/draw-badge-png.ts';
import type { CredentialRecord } from '../../packages/issuer/src/store/types.ts';

const JWS = 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln';

function record(achievement: Record<string, unknown> = {}, extra: Partial<CredentialRecord> = {}): CredentialRecord {
  return {
    id: 'urn:uuid:7d1c0f5e-3b8a-4e2f-9c61-0a4b5d6e7f80',
    credential: {
      id: 'urn:uuid:7d1c0f5e-3b8a-4e2f-9c61-0a4b5d6e7f80',
      credentialSubject: {
        achievement: { id: 'https://skills.example/a/1', name: 'Safety <Level 1> & "More"', ...achievement },
      },
      proof: { type: 'DataIntegrityProof' },
    },
    statuses: [],
    issuedBy: 'test',
    issuedAt: '2026-03-01T12:00:00Z',
    revoked: false,
    suspended: false,
    updatedAt: '2026-03-01T12:00:00Z',
    ...extra,
  };
}

describe('the generated PNG badge', () => {
  it('is the same bytes for the same colour, 256 × 256 RGBA with transparent corners and a white star', () => {
    const a = drawBadgePng('#0b5cad');
    expect(Buffer.from(a).equals(Buffer.from(drawBadgePng('#0b5cad')))).toBe(true);
    const image = PNG.sync.read(Buffer.from(a));
    expect([image.width, image.height]).toEqual([256, 256]);
    const px = (x: number, y: number) => [...image.data.subarray((y * 256 + x) * 4, (y * 256 + x) * 4 + 4)];
    expect(px(0, 0)).toEqual([0, 0, 0, 0]);
    expect(px(128, 128)).toEqual([255, 255, 255, 255]); // the star's centre
    expect(px(128, 12)).toEqual([0x0b, 0x5c, 0xad, 255]); // the disc
    expect(a.byteLength).toBeLessThan(8192);
  });

  it('is drawn once per colour and handed out as a copy', () => {
    const first = badgePngOf('#6a1b9a');
    expect(Buffer.from(first).equals(Buffer.from(drawBadgePng('#6a1b9a')))).toBe(true);
    first.fill(0);
    expect(Buffer.from(badgePngOf('#6a1b9a')).equals(Buffer.from(drawBadgePng('#6a1b9a')))).toBe(true);
  });

  it('takes its colour from the achievement id, always the same one', () => {
    expect(BADGE_COLOURS).toContain(badgeColour('https://skills.example/a/1'));
    expect(badgeColour('https://skills.example/a/1')).toBe(badgeColour('https://skills.example/a/1'));
  });
});

describe('OB 3.0 §5.3.1 badge.png', () => {
  it('bakes the credential JSON into the generated badge when the achievement has no embedded PNG', () => {
    const r = record({ image: { id: 'https://skills.example/a/1.png', type: 'Image' } });
    const png = badgePng(r);
    expect(unbakePng(png)).toEqual(r.credential);
    expect(PNG.sync.read(Buffer.from(png)).width).toBe(256);
  });

  it('an embedded image that is not a whole PNG falls back to the generated badge', () => {
    const r = record({ image: { id: 'data:image/png;base64,iVBORw0KGgoAAAA=', type: 'Image' } });
    expect(PNG.sync.read(Buffer.from(badgePng(r))).width).toBe(256);
  });

  it('a JWT-only credential bakes its compact JWS; one with both an embedded proof and a JWT bakes the JSON', () => {
    const jwtOnly = record({}, { jwt: JWS });
    delete jwtOnly.credential.proof;
    expect(bakedForm(jwtOnly)).toBe(JWS);
    expect(unbakePng(badgePng(jwtOnly))).toBe(JWS);
    const both = record({}, { jwt: JWS });
    expect(bakedForm(both)).toBe(both.credential);
  });
});

describe('OB 3.0 §5.3.2 badge.svg', () => {
  it("uses the achievement's own SVG (base64 or percent-encoded data: URL), baked", () => {
    const own = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';
    for (const id of [
      `data:image/svg+xml;base64,${Buffer.from(own).toString('base64')}`,
      `data:image/svg+xml;charset=utf-8,${encodeURIComponent(own)}`,
    ]) {
      const r = record({ image: { id, type: 'Image' } });
      const svg = badgeSvg(r);
      expect(svg).toContain('<rect width="10" height="10"/>');
      expect(unbakeSvg(svg)).toEqual(r.credential);
    }
  });

  it('the generated SVG names the achievement in its <title>, escaped, in at most four lines', () => {
    const svg = generatedBadgeSvg(
      '<script>alert(1)</script> & a very long certification name that goes on and on and on',
      '#0f6b2f',
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('<title id="badge-title">&lt;script&gt;alert(1)&lt;/script&gt; &amp; a very long');
    expect(svg.match(/<tspan /g)).toHaveLength(4);
    expect(svg).toContain('…</tspan>');
    const r = record();
    expect(unbakeSvg(badgeSvg(r))).toEqual(r.credential);
    expect(badgeSvg(r)).toContain('Safety &lt;Level 1&gt; &amp; &quot;More&quot;');
  });
});

// Draws the app icon (the shapes of icon.svg) into icon.png (512x512) and 256x256.png without any image
// library: each pixel is 4x4 supersampled against the shapes, painted in order, and written as an RGBA PNG
// (zlib from Node). Run: node electron/build/make-icons.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const hex = (value) => [
  parseInt(value.slice(1, 3), 16),
  parseInt(value.slice(3, 5), 16),
  parseInt(value.slice(5, 7), 16),
];
const BLUE = hex('#0b4f8a');
const WHITE = hex('#ffffff');
const GREEN = hex('#1f8a5b');

const roundRect = (x, y, w, h, r) => (px, py) => {
  const dx = Math.max(x + r - px, 0, px - (x + w - r));
  const dy = Math.max(y + r - py, 0, py - (y + h - r));
  return px >= x && px <= x + w && py >= y && py <= y + h && dx * dx + dy * dy <= r * r;
};
const circle = (cx, cy, r) => (px, py) => (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
const segmentDistance = (px, py, [ax, ay], [bx, by]) => {
  const t = Math.max(
    0,
    Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
};
const polyline = (points, width) => (px, py) =>
  points.slice(1).some((point, index) => segmentDistance(px, py, points[index], point) <= width / 2);

// Painted in order, last wins; coordinates in the 512 space of icon.svg.
const shapes = [
  [roundRect(0, 0, 512, 512, 96), BLUE],
  [roundRect(136, 96, 240, 320, 20), WHITE],
  [roundRect(176, 160, 160, 20, 0), BLUE],
  [roundRect(176, 210, 160, 20, 0), BLUE],
  [roundRect(176, 260, 110, 20, 0), BLUE],
  [circle(360, 380, 76), GREEN],
  [
    polyline(
      [
        [322, 382],
        [350, 410],
        [400, 352],
      ],
      18,
    ),
    WHITE,
  ],
];

function render(size) {
  const scale = 512 / size;
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = (x + (sx + 0.5) / samples) * scale;
          const py = (y + (sy + 0.5) / samples) * scale;
          let colour = null;
          for (const [inside, fill] of shapes) if (inside(px, py)) colour = fill;
          if (colour) {
            sum[0] += colour[0];
            sum[1] += colour[1];
            sum[2] += colour[2];
            sum[3] += 1;
          }
        }
      }
      const offset = (y * size + x) * 4;
      const coverage = sum[3];
      rgba[offset] = coverage ? Math.round(sum[0] / coverage) : 0;
      rgba[offset + 1] = coverage ? Math.round(sum[1] / coverage) : 0;
      rgba[offset + 2] = coverage ? Math.round(sum[2] / coverage) : 0;
      rgba[offset + 3] = Math.round((coverage / (samples * samples)) * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); // filter 0 per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const [size, name] of [
  [512, 'icon.png'],
  [256, '256x256.png'],
]) {
  writeFileSync(path.join(here, name), png(size, render(size)));
  console.log(`wrote electron/build/${name}`);
}

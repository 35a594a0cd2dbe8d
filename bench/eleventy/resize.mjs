// The photo peer for bench/run.py: @11ty/eleventy-img (sharp) makes the same
// renditions as our pipeline (480/960/1600 px wide, WebP and JPEG, quality 80)
// for every photo listed on stdin, into the folder given as argument.
import Image from "@11ty/eleventy-img";
import { readFileSync } from "node:fs";

const outputDir = process.argv[2];
const photos = readFileSync(0, "utf-8").split("\n").filter(Boolean);
const started = performance.now();
await Promise.all(
  photos.map((src) =>
    Image(src, {
      widths: [480, 960, 1600],
      formats: ["webp", "jpeg"],
      outputDir,
      sharpWebpOptions: { quality: 80 },
      sharpJpegOptions: { quality: 80, progressive: true },
    }),
  ),
);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ photos: photos.length, seconds }));

/**
 * SVG → PNG with resvg (@resvg/resvg-js: a Rust renderer shipped as prebuilt native npm packages, no
 * system libraries). Text needs a font: system fonts are loaded and "DejaVu Sans" is the default family,
 * falling back to whatever the system has; on a machine without fonts the picture renders without its
 * text rather than failing. The native module is loaded on first use, so importing this file never fails
 * and a platform without a prebuilt binary gets a clear error only when a PNG is asked for.
 */
import { createRequire } from "node:module";

type ResvgModule = typeof import("@resvg/resvg-js");

let resvg: ResvgModule | undefined;

function load(): ResvgModule {
  if (!resvg) {
    try {
      resvg = createRequire(import.meta.url)("@resvg/resvg-js") as ResvgModule;
    } catch (e) {
      throw new Error(
        `PNG output needs @resvg/resvg-js, which could not be loaded on ${process.platform}-${process.arch} (${(e as Error).message}); the SVG files are written regardless`,
      );
    }
  }
  return resvg;
}

/** Whether PNG output works here (the native renderer loads). */
export function pngAvailable(): boolean {
  try {
    load();
    return true;
  } catch {
    return false;
  }
}

export interface PngOptions {
  /** Output width in pixels (height follows the aspect ratio); default the SVG's own size. */
  width?: number;
  /** Background colour; default white (transparent PNGs are unreadable on dark viewers). */
  background?: string;
}

export function svgToPng(svg: string, o: PngOptions = {}): Buffer {
  const { Resvg } = load();
  const r = new Resvg(svg, {
    background: o.background ?? "#ffffff",
    fitTo: o.width !== undefined ? { mode: "width", value: o.width } : { mode: "original" },
    font: {
      loadSystemFonts: true,
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
    logLevel: "off",
  });
  return r.render().asPng();
}

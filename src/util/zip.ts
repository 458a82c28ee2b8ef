import { createWriteStream, mkdirSync, renameSync } from "node:fs";
import { dirname, isAbsolute, join, normalize, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";

/**
 * Extracts the entries of a zip archive that `select` maps to a relative destination path. Each file is
 * written beside its target and renamed into place, so an interrupted extraction never leaves a
 * truncated file under its real name. Entry names that would escape `destDir` are rejected.
 */
export async function extractZip(
  zipPath: string,
  destDir: string,
  select: (entryName: string) => string | undefined,
  onFile?: (relPath: string) => void,
): Promise<number> {
  const zip = await new Promise<yauzl.ZipFile>((res, rej) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true }, (err, z) => (err ? rej(err) : res(z))),
  );
  let count = 0;
  await new Promise<void>((resolvePromise, reject) => {
    const fail = (e: unknown) => {
      zip.close();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    zip.on("error", fail);
    zip.on("end", () => resolvePromise());
    zip.on("entry", (entry: yauzl.Entry) => {
      const rel = entry.fileName.endsWith("/") ? undefined : select(entry.fileName);
      if (rel === undefined) {
        zip.readEntry();
        return;
      }
      const clean = normalize(rel);
      if (isAbsolute(clean) || clean.split(sep).includes("..")) {
        fail(new Error(`${zipPath}: entry '${entry.fileName}' points outside the destination`));
        return;
      }
      const target = join(destDir, clean);
      const partial = `${target}.partial-${process.pid}`;
      mkdirSync(dirname(target), { recursive: true });
      zip.openReadStream(entry, (err, stream) => {
        if (err) return fail(err);
        pipeline(stream, createWriteStream(partial))
          .then(() => {
            renameSync(partial, target);
            count++;
            onFile?.(clean);
            zip.readEntry();
          })
          .catch(fail);
      });
    });
    zip.readEntry();
  });
  return count;
}

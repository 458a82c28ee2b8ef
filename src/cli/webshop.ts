/** `wordworld webshop search "<query>" [--page N]`: the ranked ASINs and BM25 scores as JSON lines. */
import type { Command } from "commander";
import { webshopWorld } from "../envs/webshop/index.js";
import { dataRoot } from "../util/data-root.js";
import { parsePositiveInt } from "./errors.js";

const PER_PAGE = 10;

export function registerWebshop(program: Command): void {
  program
    .command("webshop")
    .description("WebShop tools")
    .command("search")
    .argument("<query>", "search keywords, as an agent's search[...] would send them")
    .option("--page <n>", "only this results page (10 per page, as the environment shows them)")
    .option("--data <dir>", "data directory")
    .description("rank the 1000 products for a query (top 50), one JSON line per result")
    .action((query: string, f: { page?: string; data?: string }) => {
      const w = webshopWorld(dataRoot(f.data));
      const hits = w.engine.search(query.toLowerCase());
      const page = f.page === undefined ? undefined : parsePositiveInt("--page", f.page);
      const shown = page === undefined ? hits : hits.slice((page - 1) * PER_PAGE, page * PER_PAGE);
      shown.forEach((h) => {
        const rank = hits.indexOf(h) + 1;
        console.log(
          JSON.stringify({ rank, asin: h.asin, score: h.score, title: w.byAsin.get(h.asin)?.Title }),
        );
      });
    });
}

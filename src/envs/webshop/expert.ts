/**
 * A scripted shopper that needs no LLM, for collecting trajectories: it knows the goal (like ALFWorld's
 * walkthrough expert knows the game). It searches the instruction's product phrase (the text before
 * " with " or ", and price"), opens the target product if it is on the first results page, otherwise
 * searches the product's own title; then it clicks each goal option value and buys. When the target
 * never shows up it buys the first result, so every episode ends within AgentGym's 10 rounds.
 */
import type { Policy } from "../../agents/policy.js";
import type { Goal } from "./goals.js";
import type { Product } from "./products.js";

const SEP = " [SEP] ";

export class WebshopExpert implements Policy {
  private last = "";
  private plan: string[] = [];
  private stage: "search" | "results" | "retry" | "item" = "search";

  constructor(
    private readonly goal: Goal,
    private readonly product: Product,
  ) {}

  observe(observation: string): void {
    this.last = observation;
  }

  private searchText(): string {
    const text = this.goal.instruction_text.replace(/^Find me /, "");
    const cut = [" with ", ", and price lower than"].map((m) => text.indexOf(m)).filter((i) => i > 0);
    return (cut.length ? text.slice(0, Math.min(...cut)) : text).toLowerCase();
  }

  private onPage(asin: string): boolean {
    return this.last.includes(`${SEP}${asin}${SEP}`);
  }

  private firstResult(): string | undefined {
    return /\[SEP\] (B[0-9A-Z]{9}) \[SEP\]/.exec(this.last)?.[1];
  }

  act(): string {
    if (this.plan.length > 0) return this.plan.shift()!;
    switch (this.stage) {
      case "search":
        this.stage = "results";
        return `search[${this.searchText()}]`;
      case "results":
      case "retry": {
        const target = this.goal.asin;
        let pick: string | undefined = this.onPage(target) ? target : undefined;
        if (!pick && this.stage === "results") {
          this.stage = "retry";
          return `search[${this.product.Title.toLowerCase()}]`;
        }
        pick ??= this.firstResult();
        this.stage = "item";
        if (!pick) return "click[buy now]";
        const options = pick === target ? Object.values(this.goal.goal_options) : [];
        this.plan = [...options.map((v) => `click[${v}]`), "click[buy now]"];
        return `click[${pick.toLowerCase()}]`;
      }
      case "item":
        return "click[buy now]";
    }
  }
}

/**
 * StableToolBench name normalisation; expected values were produced by running upstream's
 * server/utils.py (`standardize`, `change_name`, `standardize_category`) under CPython 3.
 */
import { describe, expect, it } from "vitest";
import {
  changeName,
  functionName,
  normaliseNames,
  standardize,
  standardizeCategory,
} from "../../../src/envs/toolbench/names.js";

describe("standardize / change_name", () => {
  it("matches upstream on names from the data and edge cases", () => {
    const cases: [string, string, string][] = [
      ["List Languages", "list_languages", "list_languages"],
      ["/v1/search/post", "v1_search_post", "v1_search_post"],
      ["TokApi - mobile version", "tokapi_mobile_version", "tokapi_mobile_version"],
      ["3D Models", "get_3d_models", "get_3d_models"],
      ["__Get  User__", "get_user", "get_user"],
      ["a^b", "a^b", "a^b"], // upstream's character class keeps "^"
      ["天气 API", "天气_api", "天气_api"],
      ["Ünïcode name", "n_code_name", "n_code_name"],
      ["ID", "id", "is_id"],
      ["from", "from", "is_from"],
      ["x--y..z", "x_y_z", "x_y_z"],
      ["日本語テスト", "日本語", "日本語"], // katakana is outside U+4E00–U+9FA5
      ["", "", ""],
    ];
    for (const [raw, std, changed] of cases) {
      expect(standardize(raw), raw).toBe(std);
      expect(changeName(standardize(raw)), raw).toBe(changed);
    }
  });

  it("normalises categories like standardize_category", () => {
    expect(standardizeCategory("Health and Fitness")).toBe("Health_and_Fitness");
    expect(standardizeCategory("News, Media")).toBe("News_Media");
    expect(standardizeCategory("Video, Images")).toBe("Video_Images");
    expect(standardizeCategory("a / b")).toBe("a__b"); // one non-overlapping pass of "__" → "_"
    expect(standardizeCategory("Artificial%20Intelligence%2FMachine%20Learning")).toBe(
      "Artificial%20Intelligence%2FMachine%20Learning",
    );
  });
});

describe("prepare_tool_name_and_url", () => {
  it("builds <tool>_for_<Category> and the api file name", () => {
    expect(normaliseNames("Social", "TokApi - mobile version", "/v1/search/post")).toEqual({
      category: "Social",
      toolDir: "tokapi_mobile_version_for_Social",
      tool: "tokapi_mobile_version",
      api: "v1_search_post",
    });
    expect(normaliseNames("Health and Fitness", "Flexpa", "Endpoints").toolDir).toBe(
      "flexpa_for_Health_and_Fitness",
    );
  });

  it("keeps a tool name already suffixed with _for_<Category>", () => {
    const n = normaliseNames("Data", "TheClique_for_Data", "Transfermarkt search");
    expect(n.toolDir).toBe("TheClique_for_Data");
    expect(n.tool).toBe("theclique");
  });

  it("cuts _for_<tool_name> from the api name only when the raw tool name matches", () => {
    // Upstream splits on the tool name as sent, so a raw name with capitals or spaces never matches.
    expect(normaliseNames("Weather", "weatherapi", "get_weather_for_weatherapi").api).toBe("get_weather");
    expect(normaliseNames("Weather", "Weather API", "Get Weather_for_Weather API").api).toBe(
      "get_weather_for_weather_api",
    );
    expect(normaliseNames("Data", "x", "id").api).toBe("is_id");
  });

  it("names OpenAI functions <api>_for_<tool>, keeping the last 64 characters", () => {
    expect(functionName("ttskraken", "List Languages")).toBe("list_languages_for_ttskraken");
    const long = functionName("a_tool_with_a_really_long_standardized_name_indeed", "Get All The Things Now");
    expect(long).toHaveLength(64);
    expect(long.endsWith("_for_a_tool_with_a_really_long_standardized_name_indeed")).toBe(true);
  });
});

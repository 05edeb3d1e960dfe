import Handlebars from 'handlebars';
import jsonLogic from 'json-logic-js';
import '../rules/date-operations.ts';

/*
 * Texts and values of automation actions. Texts (a notification's title, a Slack message) are
 * Handlebars over the event's data, with no helper at all: a template reaches only the data it
 * is given. They are plain text — the apps and Slack escape on display — so nothing is escaped
 * here. Values (of a record an automation creates) are json-logic over the same data.
 */

const hbs = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

export function renderText(template: string, data: object): string {
  let fn = compiled.get(template);
  if (!fn) {
    fn = hbs.compile(template, { noEscape: true, knownHelpersOnly: true, knownHelpers: {} });
    if (compiled.size > 5000) compiled.clear();
    compiled.set(template, fn);
  }
  return fn(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
}

/** A literal, or a json-logic expression evaluated over `data`. */
export function evaluateValue(expr: unknown, data: object): unknown {
  if (expr === null || typeof expr !== 'object' || Array.isArray(expr)) return expr;
  return jsonLogic.apply(expr as jsonLogic.RulesLogic, data);
}

export function evaluateValues(values: Record<string, unknown>, data: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, evaluateValue(v, data)]));
}

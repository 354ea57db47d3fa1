/**
 * The API server's label selector parser (apimachinery labels.Parse), so that what it accepts, what it selects
 * and how it words a refusal are the same: a lexer of identifiers and the symbols = == != ! ( ) , > <, the
 * keywords in and notin, a recursive-descent parser, and NewRequirement's validation of keys and values
 * (IsQualifiedName, IsValidLabelValue) with their messages. The dashboard's own, friendlier parser is
 * src/domain/labelSelector.ts.
 */

export class LabelSelectorError extends Error {}

type Op = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

export interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

type Tok = 'end' | ')' | ',' | '!' | '==' | '=' | '>' | '<' | '!=' | 'in' | 'notin' | '(' | 'id';

const SYMBOLS = new Set(['=', '!', '(', ')', ',', '>', '<']);
const TOKENS = new Set([')', ',', '!', '==', '=', '>', 'in', '<', '!=', 'notin', '(']);
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

/** The lexer: every token with its literal, the end included. */
function lex(s: string): { tok: Tok; lit: string }[] {
  const out: { tok: Tok; lit: string }[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && WHITESPACE.has(s[pos]!)) pos++;
    if (pos >= s.length) {
      out.push({ tok: 'end', lit: '' });
      return out;
    }
    if (SYMBOLS.has(s[pos]!)) {
      // The longest run of symbols that is a token ("!=" rather than "!").
      let buf = '';
      let last: string | undefined;
      while (pos < s.length && SYMBOLS.has(s[pos]!)) {
        buf += s[pos]!;
        if (TOKENS.has(buf)) {
          last = buf;
          pos++;
        } else if (last !== undefined) {
          break;
        } else pos++;
      }
      out.push({ tok: (last ?? buf) as Tok, lit: last ?? buf });
      continue;
    }
    let buf = '';
    while (pos < s.length && !SYMBOLS.has(s[pos]!) && !WHITESPACE.has(s[pos]!)) buf += s[pos++]!;
    out.push({ tok: buf === 'in' || buf === 'notin' ? buf : 'id', lit: buf });
  }
}

const QNAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QNAME_RE = new RegExp(`^${QNAME}$`);
const LABEL_VALUE_RE = new RegExp(`^(${QNAME})?$`);
const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN}$`);

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  // As validation.RegexError writes it: each example followed by ", ", joined by " or " (so two spaces).
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

const QNAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** validation.IsQualifiedName. */
function qualifiedNameErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN_RE.test(prefix)) {
        errs.push(
          'prefix part ' +
            regexError(
              "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
              DNS1123_SUBDOMAIN,
              'example.com',
            ),
        );
      }
    }
  } else {
    return [
      'a qualified name ' +
        regexError(QNAME_MSG, QNAME, 'MyName', 'my.name', '123-abc') +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!QNAME_RE.test(name))
    errs.push('name part ' + regexError(QNAME_MSG, QNAME, 'MyName', 'my.name', '123-abc'));
  return errs;
}

/** validation.IsValidLabelValue. */
function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        `(${QNAME})?`,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

/** field.Invalid's text: `path: Invalid value: "v": detail`. */
const invalid = (path: string, value: string, detail: string): string =>
  `${path}: Invalid value: ${JSON.stringify(value)}: ${detail}`;

/** NewRequirement's checks, aggregated as field.ErrorList.ToAggregate words them. */
function newRequirement(key: string, op: Op, values: string[]): Requirement {
  const errs: string[] = [];
  const keyErrs = qualifiedNameErrors(key);
  if (keyErrs.length) errs.push(invalid('key', key, keyErrs.join('; ')));
  if ((op === 'gt' || op === 'lt') && values.length === 1 && !/^[+-]?\d+$/.test(values[0]!)) {
    errs.push(invalid('values[0]', values[0]!, "for 'Gt', 'Lt' operators, the value must be an integer"));
  }
  values.forEach((v, i) => {
    const e = labelValueErrors(v);
    if (e.length) errs.push(invalid(`values[${i}][${key}]`, v, e.join('; ')));
  });
  if (errs.length === 1) throw new LabelSelectorError(`unable to parse requirement: ${errs[0]}`);
  if (errs.length > 1) throw new LabelSelectorError(`unable to parse requirement: [${errs.join(', ')}]`);
  return { key, op, values };
}

const BINARY = 'in, notin, =, ==, !=, gt, lt';

/** Parses a selector; throws LabelSelectorError with the API server's message. */
export function parseLabelSelector(input: string): Requirement[] {
  const items = lex(input);
  let pos = 0;
  // In a value position, `in` and `notin` are identifiers.
  const asValue = (t: { tok: Tok; lit: string }): Tok => (t.tok === 'in' || t.tok === 'notin' ? 'id' : t.tok);
  const peek = () => ({ tok: asValue(items[pos]!), lit: items[pos]!.lit });
  const next = () => {
    const t = items[pos++]!;
    return { tok: asValue(t), lit: t.lit };
  };
  const nextOp = () => items[pos++]!;
  const fail = (m: string): never => {
    throw new LabelSelectorError(`unable to parse requirement: ${m}`);
  };

  const parseValues = (): string[] => {
    const open = next();
    if (open.tok !== '(') fail(`found '${open.lit}' expected: '('`);
    const first = peek();
    if (first.tok === ')') {
      next();
      return [''];
    }
    if (first.tok !== 'id' && first.tok !== ',')
      fail(`found '${first.lit}', expected: ',', ')' or identifier`);
    const set = new Set<string>();
    for (;;) {
      const t = next();
      if (t.tok === 'id') {
        set.add(t.lit);
        const after = peek();
        if (after.tok === ',') continue;
        if (after.tok === ')') break;
        fail(`found '${after.lit}', expected: ',' or ')'`);
      } else if (t.tok === ',') {
        if (set.size === 0) set.add('');
        const after = peek();
        if (after.tok === ')') {
          set.add('');
          break;
        }
        if (after.tok === ',') {
          next();
          set.add('');
        }
      } else fail(`found '${t.lit}', expected: ',', or identifier`);
    }
    if (next().tok !== ')') fail(`found '${first.lit}', expected: ')'`);
    return [...set].sort();
  };

  const parseRequirement = (): Requirement => {
    let t = next();
    let op: Op | undefined;
    if (t.tok === '!') {
      op = '!';
      t = next();
    }
    if (t.tok !== 'id') fail(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = qualifiedNameErrors(key);
    if (keyErrs.length) fail(invalid('<nil>', key, keyErrs.join('; ')));
    const la = peek().tok;
    if (la === 'end' || la === ',') return newRequirement(key, op ?? 'exists', []);
    const o = nextOp();
    const ops: Partial<Record<Tok, Op>> = {
      in: 'in',
      notin: 'notin',
      '=': '=',
      '==': '==',
      '!=': '!=',
      '>': 'gt',
      '<': 'lt',
    };
    const binary = ops[o.tok];
    if (!binary) return fail(`found '${o.lit}', expected: ${BINARY}`);
    if (binary === 'in' || binary === 'notin') return newRequirement(key, binary, parseValues());
    const v = peek();
    if (v.tok === 'end' || v.tok === ',') return newRequirement(key, binary, ['']);
    const value = next();
    if (value.tok !== 'id') fail(`found '${value.lit}', expected: identifier`);
    return newRequirement(key, binary, [value.lit]);
  };

  const reqs: Requirement[] = [];
  for (;;) {
    const t = peek();
    if (t.tok === 'end') break;
    if (t.tok !== 'id' && t.tok !== '!') {
      throw new LabelSelectorError(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
    }
    reqs.push(parseRequirement());
    const sep = next();
    if (sep.tok === 'end') break;
    if (sep.tok !== ',') throw new LabelSelectorError(`found '${sep.lit}', expected: ',' or 'end of string'`);
    const after = peek();
    if (after.tok !== 'id' && after.tok !== '!') {
      throw new LabelSelectorError(`found '${after.lit}', expected: identifier after ','`);
    }
  }
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Requirement.Matches. */
export function matchesRequirements(
  reqs: readonly Requirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'in':
      case '=':
      case '==':
        return has && r.values.includes(v!);
      case 'notin':
      case '!=':
        return !has || !r.values.includes(v!);
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'gt':
      case 'lt': {
        if (!has || !/^[+-]?\d+$/.test(v!)) return false;
        const a = Number(v);
        const b = Number(r.values[0]);
        return r.op === 'gt' ? a > b : a < b;
      }
    }
  });
}

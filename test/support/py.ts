// Python-flavoured serialisation for the fake cloud: the real servers emit
// json.dumps() output (", " / ": " separators, ASCII only) and Python reprs in
// their error messages (docs/reference-behaviour.md, Magnum's JSON replies, docs/reference-behaviour.md, JSON-Patch on the server).

function pyString(s: string, quote: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

/** json.dumps(value) with Python's default separators and ensure_ascii=True. */
export function pyJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(pyJson).join(', ')}]`;
  if (typeof value === 'object') {
    const parts = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${parts.map(([k, v]) => `${pyJson(k)}: ${pyJson(v)}`).join(', ')}}`;
  }
  return 'null';
}

/** repr() of a JSON-ish value, e.g. {'a': True, 'b': None}. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const q = value.includes("'") && !value.includes('"') ? '"' : "'";
    return `${q}${pyString(value, q)}${q}`;
  }
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** repr() of the UTF-8 bytes of a string: b'...'. */
export function pyBytesRepr(s: string): string {
  return `b${pyRepr(s)}`;
}

/** Python's type name of a JSON value, as in "<class 'dict'>". */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return Array.isArray(value) ? 'list' : 'dict';
}

/** str() of a label value: Python stores labels as strings (`magnum/api/controllers/v1/cluster_template.py`). */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/**
 * ast.literal_eval for the subset magnum receives in PATCH values:
 * dicts, lists, strings, numbers, True/False/None. Throws on anything else.
 */
export function pyLiteral(src: string): unknown {
  let i = 0;
  const ws = (): void => {
    while (i < src.length && /\s/.test(src.charAt(i))) i++;
  };
  const fail = (): never => {
    throw new Error(`malformed node or string: ${src}`);
  };
  const value = (): unknown => {
    ws();
    const c = src.charAt(i);
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const dict: Record<string, unknown> = {};
      const list: unknown[] = [];
      i++;
      ws();
      while (src.charAt(i) !== close) {
        const k = value();
        ws();
        if (c === '{') {
          if (src.charAt(i++) !== ':') fail();
          dict[String(k)] = value();
          ws();
        } else list.push(k);
        if (src.charAt(i) === ',') {
          i++;
          ws();
        } else if (src.charAt(i) !== close) fail();
      }
      i++;
      return c === '{' ? dict : list;
    }
    if (c === "'" || c === '"') {
      let out = '';
      i++;
      while (i < src.length && src.charAt(i) !== c) {
        let ch = src.charAt(i++);
        if (ch === '\\') {
          const e = src.charAt(i++);
          ch = e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        }
        out += ch;
      }
      if (src.charAt(i++) !== c) fail();
      return out;
    }
    const m = /^(True|False|None|-?\d+(\.\d+)?)/.exec(src.slice(i));
    if (!m) return fail();
    i += m[0].length;
    return m[0] === 'True' ? true : m[0] === 'False' ? false : m[0] === 'None' ? null : Number(m[0]);
  };
  const v = value();
  ws();
  if (i !== src.length) fail();
  return v;
}

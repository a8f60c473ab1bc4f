// Parses an AsyncAPI document with the AsyncAPI parser, Avro payloads included, and prints one JSON object: the
// diagnostics (severity 0 is an error), the document with every $ref resolved, and, given a file of WebSocket
// frames (a JSON array), each frame checked against the payload schema of the message of the channel
// `notifications` whose `type` it carries.
// Usage: node validate.mjs <document> [<frames.json>]. Exit code 0 when the document parsed without an error
// and every frame matched, 1 otherwise.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Parser, fromFile } from '@asyncapi/parser';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const path = resolve(process.argv[2]);
const parser = new Parser();
parser.registerSchemaParser(AvroSchemaParser());
const { document, diagnostics } = await fromFile(parser, path).parse({ source: pathToFileURL(path).href });
const json = document ? document.json() : null;

const frames = [];
if (json && process.argv[3]) {
  // The parser's own keywords (x-parser-*) are not JSON Schema: not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const messages = Object.values(json.channels.notifications.messages);
  for (const frame of JSON.parse(readFileSync(process.argv[3], 'utf8'))) {
    const message = messages.find((m) => m.payload?.properties?.type?.const === frame.type);
    if (!message) {
      frames.push({ frame, valid: false, errors: [`no message of type ${frame.type}`] });
      continue;
    }
    const validate = ajv.compile(message.payload);
    const valid = validate(frame);
    frames.push({ frame, valid, errors: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`) });
  }
}

process.stdout.write(JSON.stringify({
  diagnostics: diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message, path: d.path })),
  document: json,
  frames,
}));
const parsed = json && !diagnostics.some((d) => d.severity === 0);
process.exitCode = parsed && frames.every((f) => f.valid) ? 0 : 1;

// Holds TypeScript declarations of the WebSocket frames against the AsyncAPI document: each message of the channel
// `notifications` has an interface `<Message>Frame` with exactly the schema's properties, optional where the schema
// does not require them, of the schema's types (a const or an enum as string literals, nested objects as interfaces
// or type literals of their own, checked the same way); `ServerFrame` unites every frame but the client's `ack`.
// Usage: node check-types.mjs <document> <declarations.d.ts>. Prints each mismatch; exit code 1 if there is one.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { Parser, fromFile } from '@asyncapi/parser';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';

const [documentPath, declarationsPath] = process.argv.slice(2).map((path) => resolve(path));
const parser = new Parser();
parser.registerSchemaParser(AvroSchemaParser());
const { document, diagnostics } = await fromFile(parser, documentPath).parse({ source: pathToFileURL(documentPath).href });
if (!document) {
  console.log(`${documentPath} does not parse: ${diagnostics.filter((d) => d.severity === 0).map((d) => d.message).join('; ')}`);
  process.exit(1);
}
const messages = document.json().channels.notifications.messages;

const source = ts.createSourceFile(declarationsPath, readFileSync(declarationsPath, 'utf8'), ts.ScriptTarget.Latest, true);
const declared = new Map();
source.statements.forEach((statement) => {
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
    declared.set(statement.name.text, statement);
  }
});

const mismatches = [];
const interfaceOf = (name) => `${name[0].toUpperCase()}${name.slice(1)}Frame`;
const frameInterfaces = Object.keys(messages).map(interfaceOf);

for (const [name, message] of Object.entries(messages)) {
  const declaration = declared.get(interfaceOf(name));
  if (!declaration) {
    mismatches.push(`${interfaceOf(name)}: not declared (message ${name})`);
    continue;
  }
  compare(message.payload, declaration, interfaceOf(name));
}
for (const [typeName, declaration] of declared) {
  if (ts.isInterfaceDeclaration(declaration) && typeName.endsWith('Frame') && !frameInterfaces.includes(typeName)) {
    mismatches.push(`${typeName}: declared, but the document has no message ${typeName.replace(/Frame$/, '')}`);
  }
}
const serverFrame = declared.get('ServerFrame');
const united = serverFrame && ts.isUnionTypeNode(serverFrame.type) ? serverFrame.type.types.map((t) => t.getText()) : [];
const expected = frameInterfaces.filter((name) => name !== interfaceOf('ack'));
if (united.slice().sort().join() !== expected.slice().sort().join()) {
  mismatches.push(`ServerFrame: unites ${united.join(' | ') || 'nothing'}, the document's server frames are ${expected.join(' | ')}`);
}

mismatches.forEach((mismatch) => console.log(mismatch));
console.log(`${Object.keys(messages).length} messages checked against ${declarationsPath}: ${mismatches.length} mismatch(es)`);
process.exitCode = mismatches.length ? 1 : 0;

/** Compares a JSON Schema with a type node (or an interface or alias declaration). */
function compare(schema, node, path) {
  node = resolveReference(node);
  if (ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node)) {
    compareObject(schema, node.members, path);
    return;
  }
  if (ts.isTypeAliasDeclaration(node)) {
    compare(schema, node.type, path);
    return;
  }
  if (schema.const !== undefined || schema.enum) {
    const wanted = (schema.const !== undefined ? [schema.const] : schema.enum).map(String).sort();
    const literals = (ts.isUnionTypeNode(node) ? node.types : [node]).map(literalText);
    if (literals.includes(null) || literals.slice().sort().join('|') !== wanted.join('|')) {
      mismatches.push(`${path}: ${node.getText()}, the document says ${wanted.map((v) => `'${v}'`).join(' | ')}`);
    }
    return;
  }
  const types = [].concat(schema.type ?? []);
  if (types.includes('null')) {
    const parts = ts.isUnionTypeNode(node) ? node.types : [node];
    const nulls = parts.filter((part) => ts.isLiteralTypeNode(part) && part.literal.kind === ts.SyntaxKind.NullKeyword);
    if (nulls.length !== 1 || parts.length !== 2) {
      mismatches.push(`${path}: ${node.getText()}, the document says ${types.join(' or ')}`);
      return;
    }
    compare({ ...schema, type: types.filter((type) => type !== 'null') }, parts.find((part) => !nulls.includes(part)), path);
    return;
  }
  if (types.length !== 1) {
    mismatches.push(`${path}: the document gives ${types.length ? types.join(' or ') : 'no type'}, not one this check knows`);
    return;
  }
  const kinds = { string: ts.SyntaxKind.StringKeyword, integer: ts.SyntaxKind.NumberKeyword, number: ts.SyntaxKind.NumberKeyword, boolean: ts.SyntaxKind.BooleanKeyword };
  if (types[0] === 'array') {
    if (!ts.isArrayTypeNode(node)) {
      mismatches.push(`${path}: ${node.getText()}, the document says an array`);
      return;
    }
    compare(schema.items ?? {}, node.elementType, `${path}[]`);
  } else if (types[0] === 'object') {
    mismatches.push(`${path}: ${node.getText()}, the document says an object`);
  } else if (node.kind !== kinds[types[0]]) {
    mismatches.push(`${path}: ${node.getText()}, the document says ${types[0]}`);
  }
}

function compareObject(schema, members, path) {
  if ([].concat(schema.type ?? []).join() !== 'object') {
    mismatches.push(`${path}: an object, the document says ${schema.type}`);
    return;
  }
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const byName = new Map(members.filter(ts.isPropertySignature).map((member) => [member.name.getText(), member]));
  for (const [property, propertySchema] of Object.entries(properties)) {
    const member = byName.get(property);
    if (!member) {
      mismatches.push(`${path}.${property}: missing`);
      continue;
    }
    if (Boolean(member.questionToken) === required.has(property)) {
      mismatches.push(`${path}.${property}: ${member.questionToken ? 'optional' : 'required'}, the document says ${required.has(property) ? 'required' : 'optional'}`);
    }
    compare(propertySchema, member.type, `${path}.${property}`);
  }
  for (const property of byName.keys()) {
    if (!(property in properties)) {
      mismatches.push(`${path}.${property}: not in the document`);
    }
  }
}

function resolveReference(node) {
  if (node && ts.isTypeReferenceNode(node) && declared.has(node.typeName.getText())) {
    return declared.get(node.typeName.getText());
  }
  return node;
}

function literalText(node) {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : null;
}

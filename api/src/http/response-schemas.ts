import { resolve } from 'node:path';
import ts from 'typescript';

/**
 * Reads every controller with the TypeScript compiler and writes down, for each operation, what
 * it answers: the JSON schema of the contract type its handler returns (AssessmentDetail,
 * ClientListPage…), a binary body for files, or nothing (204). The contracts in libs/contracts
 * are interfaces, which leave no trace at run time, so this runs at development time: the
 * result is committed (openapi-responses.generated.ts) and the OpenAPI test fails when it no
 * longer matches the code (`UPDATE_OPENAPI=1` rewrites it).
 */

export type JsonSchema = Record<string, unknown>;

export interface OperationResponse {
  status: number;
  /** Absent for a 204. */
  mediaType?: string;
  schema?: JsonSchema;
}

export interface ResponseSchemas {
  operations: Record<string, OperationResponse>;
  schemas: Record<string, JsonSchema>;
}

const HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);
const BINARY: JsonSchema = { type: 'string', format: 'binary' };

function decoratorsOf(node: ts.Node): ts.Decorator[] {
  return ts.canHaveDecorators(node) ? [...(ts.getDecorators(node) ?? [])] : [];
}

function decoratorCall(node: ts.Node, name: string): ts.CallExpression | undefined {
  for (const decorator of decoratorsOf(node)) {
    const call = decorator.expression;
    if (
      ts.isCallExpression(call) &&
      ts.isIdentifier(call.expression) &&
      call.expression.text === name
    )
      return call;
  }
  return undefined;
}

/** A decorator argument's value: a literal, or a constant whose type is one (FHIR_JSON). */
function literalArg(
  checker: ts.TypeChecker,
  call: ts.CallExpression | undefined,
  index: number,
): string | undefined {
  const arg = call?.arguments[index];
  if (!arg) return undefined;
  if (ts.isStringLiteralLike(arg) || ts.isNumericLiteral(arg)) return arg.text;
  const type = checker.getTypeAtLocation(arg);
  if (type.isStringLiteral()) return type.value;
  if (type.isNumberLiteral()) return String(type.value);
  return undefined;
}

/** Converts checker types to OpenAPI 3.0 schemas, naming interfaces and aliases as components. */
class SchemaWriter {
  readonly schemas: Record<string, JsonSchema> = {};

  constructor(private readonly checker: ts.TypeChecker) {}

  write(type: ts.Type): JsonSchema {
    const checker = this.checker;
    const flags = type.flags;
    if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (flags & ts.TypeFlags.StringLiteral)
      return { type: 'string', enum: [(type as ts.StringLiteralType).value] };
    if (flags & ts.TypeFlags.NumberLiteral)
      return { type: 'number', enum: [(type as ts.NumberLiteralType).value] };
    if (flags & ts.TypeFlags.BooleanLiteral)
      return { type: 'boolean', enum: [checker.typeToString(type) === 'true'] };
    if (flags & ts.TypeFlags.StringLike) return { type: 'string' };
    if (flags & ts.TypeFlags.NumberLike) return { type: 'number' };
    if (flags & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
    if (type.isUnion()) return this.union(type);
    if (type.isIntersection()) return { allOf: type.types.map((part) => this.write(part)) };
    if (checker.isArrayType(type)) {
      const [element] = checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: element ? this.write(element) : {} };
    }
    if (checker.isTupleType(type)) {
      const elements = checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: { anyOf: elements.map((element) => this.write(element)) } };
    }
    if (flags & ts.TypeFlags.Object) return this.object(type);
    return {};
  }

  private union(type: ts.UnionType): JsonSchema {
    const parts = type.types.filter(
      (part) => !(part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)),
    );
    const nullable = type.types.some((part) => part.flags & ts.TypeFlags.Null);
    let schema: JsonSchema;
    if (parts.length > 0 && parts.every((part) => part.flags & ts.TypeFlags.StringLiteral)) {
      schema = {
        type: 'string',
        enum: parts.map((part) => (part as ts.StringLiteralType).value),
      };
    } else if (
      parts.length > 0 &&
      parts.every((part) => part.flags & ts.TypeFlags.BooleanLiteral)
    ) {
      schema = { type: 'boolean' };
    } else if (parts.length === 1 && parts[0]) {
      schema = this.write(parts[0]);
    } else {
      // `true | false` inside a wider union is one boolean, not two enums.
      const booleans = parts.filter((part) => part.flags & ts.TypeFlags.BooleanLiteral);
      const others = parts.filter((part) => !(part.flags & ts.TypeFlags.BooleanLiteral));
      const variants = [
        ...others.map((part) => this.write(part)),
        ...(booleans.length > 0 ? [{ type: 'boolean' }] : []),
      ];
      schema = variants.length === 1 && variants[0] ? variants[0] : { anyOf: variants };
    }
    if (!nullable) return schema;
    return schema['$ref'] || schema['anyOf'] || schema['allOf']
      ? { allOf: [schema], nullable: true }
      : { ...schema, nullable: true };
  }

  private object(type: ts.Type): JsonSchema {
    const symbol = type.aliasSymbol ?? type.getSymbol();
    const name = symbol?.getName();
    if (name === 'Date') return { type: 'string', format: 'date-time' };
    const declaration = symbol?.getDeclarations()?.[0];
    const file = declaration?.getSourceFile().fileName ?? '';
    if (/[\\/]@types[\\/]fhir[\\/]/.test(file)) return this.fhir(type);
    if (!name || name.startsWith('__')) return this.properties(type);
    const key = this.checker
      .typeToString(type)
      .replace(/[^A-Za-z0-9_]+/g, '_')
      .replace(/_+$/, '');
    if (!this.schemas[key]) {
      this.schemas[key] = {};
      this.schemas[key] = this.properties(type);
    }
    return { $ref: `#/components/schemas/${key}` };
  }

  /** A FHIR R4 resource: its type named, its content the FHIR specification's (not repeated). */
  private fhir(type: ts.Type): JsonSchema {
    const resourceType = this.checker.getPropertyOfType(type, 'resourceType');
    const literal = resourceType ? this.checker.getTypeOfSymbol(resourceType) : undefined;
    const names = literal?.isUnion()
      ? literal.types.filter((part) => part.isStringLiteral()).map((part) => part.value)
      : literal?.isStringLiteral()
        ? [literal.value]
        : [];
    const title = names.length === 1 ? names[0] : 'Resource';
    return {
      type: 'object',
      description: `A FHIR R4 ${title} (https://hl7.org/fhir/R4/${(title ?? 'resource').toLowerCase()}.html).`,
      properties: {
        resourceType: { type: 'string', ...(names.length === 1 ? { enum: names } : {}) },
      },
      required: ['resourceType'],
      additionalProperties: true,
    };
  }

  private properties(type: ts.Type): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const property of this.checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.getDeclarations()?.[0];
      const propertyType = declaration
        ? this.checker.getTypeOfSymbolAtLocation(property, declaration)
        : this.checker.getTypeOfSymbol(property);
      if (propertyType.getCallSignatures().length > 0) continue;
      const optional = (property.getFlags() & ts.SymbolFlags.Optional) !== 0;
      properties[property.getName()] = this.write(
        optional ? this.checker.getNonNullableType(propertyType) : propertyType,
      );
      // An optional property that may also be null keeps its null.
      if (
        optional &&
        propertyType.isUnion() &&
        propertyType.types.some((t) => t.flags & ts.TypeFlags.Null)
      ) {
        const written = properties[property.getName()] ?? {};
        properties[property.getName()] = written['$ref']
          ? { allOf: [written], nullable: true }
          : { ...written, nullable: true };
      }
      if (!optional) required.push(property.getName());
    }
    const index = this.checker.getIndexInfoOfType(type, ts.IndexKind.String);
    return {
      type: 'object',
      properties,
      ...(required.length > 0 ? { required } : {}),
      ...(index ? { additionalProperties: this.write(index.type) } : {}),
    };
  }
}

function compilerOptions(tsconfig: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`Cannot read ${tsconfig}`);
  return parsed;
}

/** What every controller operation answers, keyed as Nest keys operations (Class_method). */
export function generateResponseSchemas(apiRoot = resolve(__dirname, '../..')): ResponseSchemas {
  const parsed = compilerOptions(resolve(apiRoot, 'tsconfig.app.json'));
  const controllers = parsed.fileNames.filter((file) => file.endsWith('.controller.ts'));
  const errorsFile = resolve(apiRoot, '../libs/contracts/src/lib/errors.ts');
  const program = ts.createProgram([...controllers, errorsFile], {
    ...parsed.options,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const writer = new SchemaWriter(checker);
  const operations: Record<string, OperationResponse> = {};

  for (const file of controllers) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    for (const statement of source.statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name) continue;
      if (!decoratorCall(statement, 'Controller')) continue;
      for (const member of statement.members) {
        if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
        const http = decoratorsOf(member).find((decorator) => {
          const call = decorator.expression;
          return (
            ts.isCallExpression(call) &&
            ts.isIdentifier(call.expression) &&
            HTTP_DECORATORS.has(call.expression.text)
          );
        });
        if (!http) continue;
        const method = ((http.expression as ts.CallExpression).expression as ts.Identifier).text;
        const signature = checker.getSignatureFromDeclaration(member);
        if (!signature) continue;
        const returned = checker.getAwaitedType(checker.getReturnTypeOfSignature(signature));
        const declared = Number(literalArg(checker, decoratorCall(member, 'HttpCode'), 0));
        const status = declared || (method === 'Post' ? 201 : 200);
        const produces = literalArg(checker, decoratorCall(member, 'ApiProduces'), 0);
        const contentType = decoratorsOf(member)
          .map((decorator) => decorator.expression)
          .filter(
            (call): call is ts.CallExpression =>
              ts.isCallExpression(call) &&
              ts.isIdentifier(call.expression) &&
              call.expression.text === 'Header' &&
              literalArg(checker, call, 0)?.toLowerCase() === 'content-type',
          )
          .map((call) => literalArg(checker, call, 1)?.split(';')[0])[0];
        const key = `${statement.name.text}_${member.name.text}`;
        if (!returned || returned.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) {
          operations[key] = { status };
        } else if (returned.getSymbol()?.getName() === 'StreamableFile') {
          operations[key] = {
            status,
            mediaType: produces ?? 'application/octet-stream',
            schema: BINARY,
          };
        } else if (contentType && !/json/.test(contentType)) {
          operations[key] = { status, mediaType: contentType, schema: BINARY };
        } else {
          operations[key] = {
            status,
            mediaType: contentType ?? 'application/json',
            schema: writer.write(returned),
          };
        }
      }
    }
  }
  // The shared error body, for the 4xx answers every operation declares.
  const errors = program.getSourceFile(errorsFile);
  const errorBody = errors?.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === 'ApiErrorBody',
  );
  if (errorBody) writer.write(checker.getTypeAtLocation(errorBody));
  const schemas = Object.fromEntries(
    Object.entries(writer.schemas).sort(([a], [b]) => a.localeCompare(b)),
  );
  const sortedOperations = Object.fromEntries(
    Object.entries(operations).sort(([a], [b]) => a.localeCompare(b)),
  );
  return { operations: sortedOperations, schemas };
}

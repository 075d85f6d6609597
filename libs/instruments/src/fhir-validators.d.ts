/** Types for the JSON-schema FHIR validator the tests use (the package ships none). */
declare module '@asymmetrik/fhir-json-schema-validator' {
  export interface SchemaError {
    dataPath: string;
    message: string;
  }
  export default class JsonSchemaValidator {
    validate(resource: object): SchemaError[];
  }
}

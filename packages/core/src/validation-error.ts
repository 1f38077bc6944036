/**
 * One AJV error, as produced by the generated validators.
 *
 * @example
 * ```ts
 * const describe = (error: ValidationError) => `${error.instancePath || "/"} ${error.message ?? error.keyword}`;
 * ```
 */
export interface ValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * A generated validator: returns whether `data` matches the event's message schema; errors are left on `.errors`.
 *
 * @example
 * ```ts
 * const check = (validate: GeneratedValidator, body: unknown) => (validate(body) ? [] : (validate.errors ?? []));
 * ```
 */
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
}

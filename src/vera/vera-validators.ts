import { Injectable } from '@nestjs/common';
import { VeraValidator } from './vera-validator.js';

/** One validator for the service, loaded on first use: half a megabyte of YAML nobody needs until VERA documents travel. */
@Injectable()
export class VeraValidators {
  private validator: VeraValidator | null = null;

  get(): VeraValidator {
    return (this.validator ??= VeraValidator.fromFile());
  }
}

import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate } from '../../common/validators.js';

@ObjectType({ description: 'A paragraph or a list of an offer letter' })
export class OfferLetterBlock {
  @Field({ description: 'PARAGRAPH or LIST' }) kind: string;
  @Field(() => String, { nullable: true, description: 'A paragraph’s text (single line breaks kept); null for a list' }) text: string | null;
  @Field(() => [String], { description: 'A list’s items (stages, documents); empty for a paragraph' }) items: string[];
}

@ObjectType({ description: 'The letter that goes with an open offer, in Dutch, from the template in force on its date (issue 17)' })
export class OfferLetter {
  @Field(() => ID) offerId: string;
  @Field({ description: 'The letter’s date (today)' }) date: string;
  @Field(() => Int, { description: 'The version of the letter template used (offerLetterTemplates)' }) templateVersion: number;
  @Field() subject: string;
  @Field({ description: 'The whole letter as plain text: the subject, then the paragraphs; list items start with "- "' }) body: string;
  @Field(() => [OfferLetterBlock]) blocks: OfferLetterBlock[];
  @Field({ description: 'The letter as an HTML fragment, every text escaped' }) html: string;
}

@ObjectType({ description: 'A version of the offer letter template: the association’s own text (policy data), with placeholders {{name}}' })
export class OfferLetterTemplateVersion {
  @Field(() => Int) version: number;
  @Field({ description: 'OFFER: the letter with an offer and all its stages' }) kind: string;
  @Field() effectiveFrom: string;
  @Field() organisation: string;
  @Field() subject: string;
  @Field() body: string;
  @Field() notes: string;
  @Field(() => [String], { description: 'The placeholders a template may use' }) placeholders: string[];
}

@InputType({ description: 'The next version of the offer letter template; its placeholders are checked by name' })
export class AddOfferLetterTemplateVersionInput {
  @Field({ description: 'Today or later: letters dated from then on use it' }) @IsIsoDate() effectiveFrom: string;
  @Field({ description: 'The association’s name as the letter is signed' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'organisation must not be blank' })
  organisation: string;
  @Field({ description: 'The subject, e.g. "Aanbieding van de woning {{adres}}"' }) @IsString() @MinLength(1) @MaxLength(300) subject: string;
  @Field({ description: 'The body: paragraphs separated by a blank line; a paragraph of only {{stadia}} or {{documenten}} is a list' })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  body: string;
  @Field({ nullable: true, description: 'Why this version (for the record)' }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

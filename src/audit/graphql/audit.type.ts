import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One event of the append-only audit log' })
export class AuditEvent {
  @Field(() => Int) seq: number;
  @Field() occurredAt: string;
  @Field() actor: string;
  @Field() type: string;
  @Field({ description: 'Ids the event is about, as JSON' }) subject: string;
  @Field({ description: 'The signed body: RFC 8785 canonical JSON of seq, time, actor, roles, type, subject and payload' }) body: string;
  @Field() prevHash: string;
  @Field({ description: 'sha256(prevHash || body), hex' }) hash: string;
}

@ObjectType()
export class ChainBreak {
  @Field(() => Int) seq: number;
  @Field() reason: string;
}

@ObjectType({ description: 'Whether the log is intact between two events' })
export class AuditChainVerification {
  @Field() valid: boolean;
  @Field(() => Int) fromSeq: number;
  @Field(() => Int) toSeq: number;
  @Field(() => Int) checked: number;
  @Field(() => ChainBreak, { nullable: true, description: 'The first event that breaks the chain, or disagrees with a checkpoint, and why' })
  firstBreak: ChainBreak | null;
  @Field(() => Int, { description: 'Signed checkpoints of the head, kept outside the database, the log was checked against' }) checkpointsChecked: number;
}

@ObjectType({ description: 'The head of the audit log, signed and written outside the database' })
export class AuditCheckpoint {
  @Field(() => Int) seq: number;
  @Field() hash: string;
  @Field() at: string;
}

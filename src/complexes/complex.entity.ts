import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('complex')
export class ComplexEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'neighbourhood_id', type: 'integer' }) neighbourhoodId: number;
}

import { Body, Controller, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiProperty, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodDto } from './zod.dto.js';

const personSchema = z.object({
  name: z.string().max(100).meta({ description: 'As written' }),
  role: z.enum(['borrower', 'contact']),
  phones: z.array(z.string().max(64)).max(20).nullish(),
  employer: z.object({ name: z.string().max(200), phone: z.string().max(64).optional() }).nullish(),
  nickname: z
    .string()
    .max(10)
    .optional()
    .transform((value) => value?.trim()),
});

class PersonDto extends zodDto(personSchema) {}
class BatchDto extends zodDto(z.object({ people: z.array(personSchema).max(1000) })) {}
class AnswerDto {
  @ApiProperty({ type: PersonDto }) person!: PersonDto;
}

@Controller('people')
class PeopleController {
  @Post()
  @ApiBody({ type: BatchDto })
  @ApiOkResponse({ type: AnswerDto })
  post(@Body() body: unknown) {
    return body;
  }
}

async function openApiSchemas(): Promise<Record<string, Record<string, unknown>>> {
  const moduleRef = await Test.createTestingModule({ controllers: [PeopleController] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  try {
    return SwaggerModule.createDocument(app, new DocumentBuilder().build()).components?.schemas as Record<string, Record<string, unknown>>;
  } finally {
    await app.close();
  }
}

describe('zodDto', () => {
  it('keeps the schema and types instances as its output', () => {
    expect(PersonDto.schema).toBe(personSchema);
    const person: PersonDto = { name: 'a', role: 'contact', nickname: undefined };
    expect(personSchema.parse(person)).toEqual(person);
  });

  it('gives @nestjs/swagger the properties, limits, enums and required fields of the schema, nested ones included', async () => {
    const schemas = await openApiSchemas();
    expect(schemas.PersonDto).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 100, description: 'As written' },
        role: { type: 'string', enum: ['borrower', 'contact'] },
        phones: { type: 'array', nullable: true, maxItems: 20, items: { type: 'string', maxLength: 64 } },
        employer: {
          type: 'object',
          nullable: true,
          properties: { name: { type: 'string', maxLength: 200 }, phone: { type: 'string', maxLength: 64 } },
          required: ['name'],
        },
        nickname: { type: 'string', maxLength: 10 },
      },
      required: ['name', 'role'],
    });
    expect(schemas.BatchDto).toMatchObject({
      required: ['people'],
      properties: { people: { type: 'array', maxItems: 1000, items: { type: 'object', required: ['name', 'role'], properties: { name: { maxLength: 100 } } } } },
    });
    expect(schemas.AnswerDto).toMatchObject({ properties: { person: { $ref: '#/components/schemas/PersonDto' } } });
  });
});

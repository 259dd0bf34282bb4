import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { type CreateUserDto, createUserSchema, SetupCodeDto, UserDto, UserWithSetupCodeDto } from './users.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: UserWithSetupCodeDto, description: 'The account and its one-time setup code (shown only here); 409 when the username is taken' })
  async create(@Body({ schema: createUserSchema }) body: CreateUserDto, @CurrentPrincipal() principal: Principal): Promise<UserWithSetupCodeDto> {
    const { user, setup } = await this.users.create(principal, body);
    return { user: UserDto.of(user), setup: SetupCodeDto.of(user.username, setup) };
  }

  @Get()
  @ApiOkResponse({ type: [UserDto] })
  async list(): Promise<UserDto[]> {
    return (await this.users.list()).map(UserDto.of);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return UserDto.of(await this.users.get(id));
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto, description: 'Disabled; every session of the user ends now' })
  async disable(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<UserDto> {
    return UserDto.of(await this.users.disable(principal, id));
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  async enable(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<UserDto> {
    return UserDto.of(await this.users.enable(principal, id));
  }

  @Post(':id/reset')
  @HttpCode(200)
  @ApiOkResponse({ type: UserWithSetupCodeDto, description: 'A new one-time setup code; the password is cleared and every session ends' })
  async reset(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<UserWithSetupCodeDto> {
    const { user, setup } = await this.users.reset(principal, id);
    return { user: UserDto.of(user), setup: SetupCodeDto.of(user.username, setup) };
  }
}

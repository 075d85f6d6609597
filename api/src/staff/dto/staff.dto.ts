import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  STAFF_ROLES,
  type CreateStaffRequest,
  type StaffRole,
  type UpdateStaffRequest,
} from '@cairn/contracts';
import { IsBoolean, IsEmail, IsIn, IsOptional } from 'class-validator';
import { NotNullIfPresent, RequiredText } from '../../http/field-decorators';

export class CreateStaffDto implements CreateStaffRequest {
  @ApiProperty({ example: 'r.ahmed@clinic.example' })
  @RequiredText(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiProperty({ example: 'Dr. Rana Ahmed' })
  @RequiredText(200)
  displayName!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, { message: `role must be one of ${STAFF_ROLES.join(', ')}` })
  role!: StaffRole;
}

export class UpdateStaffDto implements UpdateStaffRequest {
  @ApiPropertyOptional()
  @NotNullIfPresent()
  @RequiredText(200)
  displayName?: string;

  @ApiPropertyOptional({ description: 'false deactivates the account: it can no longer sign in' })
  @IsOptional()
  @IsBoolean({ message: 'isActive must be true or false' })
  isActive?: boolean;
}

/** Every command, by name. Adding a command here exposes it over IPC/HTTP and in the palette. */
import type { CommandDef } from './registry';
import { createDevice, createRack, createRoom, deleteDevices, deleteRacks, deleteRoom, renameProject, updateDevice, updateRack, updateRoom, upsertDeviceType } from './edit';
import { importDocument } from './import';
import { CX_COMMANDS } from './cx';
import { OPS_COMMANDS } from './ops';
import { fillBlanks } from './rack-fill';
import { placeDevices } from './placement';
import { connectPowerFeeds, createEnvReading, createPowerElement, createPowerFeed, updateEnvReading, updatePowerElement, updatePowerFeed } from './power';
import {
  annotationCommands, createFloorEquipment, updateFloorEquipment, createRow, deleteItems, doorCommands, moveItems, obstacleCommands, pasteItems, updateRow, upsertRackType,
} from './layout';

export const COMMANDS = {
  'project.rename': renameProject,
  'room.create': createRoom,
  'room.update': updateRoom,
  'room.delete': deleteRoom,
  'rack.create': createRack,
  'rack.update': updateRack,
  'rack.delete': deleteRacks,
  'rack.fillBlanks': fillBlanks,
  'deviceType.upsert': upsertDeviceType,
  'device.create': createDevice,
  'device.update': updateDevice,
  'device.delete': deleteDevices,
  'device.placeMany': placeDevices,
  'document.import': importDocument,
  'rackType.upsert': upsertRackType,
  'row.create': createRow,
  'row.update': updateRow,
  'floorEquipment.create': createFloorEquipment,
  'floorEquipment.update': updateFloorEquipment,
  'obstacle.create': obstacleCommands.create,
  'obstacle.update': obstacleCommands.update,
  'door.create': doorCommands.create,
  'door.update': doorCommands.update,
  'annotation.create': annotationCommands.create,
  'annotation.update': annotationCommands.update,
  'layout.move': moveItems,
  'layout.delete': deleteItems,
  'layout.paste': pasteItems,
  'powerElement.create': createPowerElement,
  'powerElement.update': updatePowerElement,
  'powerFeed.create': createPowerFeed,
  'powerFeed.update': updatePowerFeed,
  'powerFeed.connect': connectPowerFeeds,
  'envReading.create': createEnvReading,
  'envReading.update': updateEnvReading,
  ...CX_COMMANDS,
  ...OPS_COMMANDS,
} as const satisfies Record<string, CommandDef>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function getCommand(name: string): CommandDef | undefined {
  // Own properties only: `toString` or `__proto__` are not commands.
  return Object.hasOwn(COMMANDS, name) ? (COMMANDS as Record<string, CommandDef>)[name] : undefined;
}

export { defineCommand } from './registry';
export type { CommandDef, CommandContext, CommandPlan } from './registry';

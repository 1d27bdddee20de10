export { scan, scanProject, type ScanOptions, type ScanProgress, type ScanResult } from './scan.js';
export {
  mergeInventories,
  sortInventory,
  type Inventory,
  type InventoryLocation,
  type InventoryNesting,
  type InventoryReference,
  type InventorySkipped,
  type InventoryWarning,
} from './inventory.js';

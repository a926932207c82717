// The output layer's public surface: text in magnumclient's exact bytes
// (`magnumclient/common/cliutils.py print_list, print_dict`). Everything returns strings; nothing here writes to a stream.
export { fieldsToColumns, formatFieldName, NonExistentFieldsError, printDict, printList } from './cliutils';
export type { Formatter, Item, PrintListOptions } from './cliutils';
export { renderTable } from './prettytable';
export { pyFloatRepr, pyRepr, pyReprString, pyStr } from './pyrepr';
export { displayWidth, wcswidth, wcwidth } from './wcwidth';

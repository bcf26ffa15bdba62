// The domain values live in the EnlaceAPI package (shared with plugins as one dynamic library);
// everything that imports EnlaceCore sees them too.
@_exported import EnlaceAPI

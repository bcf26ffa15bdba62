// The translation catalogue lives in its own module (EnlaceTranslations, which reads the shipped
// and a district's JSON tables); the feed types name its `TranslationCatalog` and `FeedStrings` in
// their public API, so everything that imports EnlaceFeeds sees them too.
@_exported import EnlaceTranslations

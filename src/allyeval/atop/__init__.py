"""The ATOP data set as draft profiles: the CSV reader, the mapping from treaty provisions to
ratings, the draft builder and the importer. Imports only ``core``."""

"""Activities: logged touches and planned follow-ups."""
